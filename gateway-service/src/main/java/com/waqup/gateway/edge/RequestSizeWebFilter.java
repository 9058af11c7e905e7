package com.waqup.gateway.edge;

import java.util.Map;

import com.waqup.gateway.security.GatewayProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Bodies over {@code waqup.gateway.max-request-size} (declared by Content-Length) are refused with 413. */
@Component
class RequestSizeWebFilter implements WebFilter, Ordered {

    private final long max;
    private final EnvelopeWriter envelopes;

    RequestSizeWebFilter(GatewayProperties properties, EnvelopeWriter envelopes) {
        this.max = properties.maxRequestSize().toBytes();
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > max) {
            return envelopes.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "The request body is larger than " + max + " bytes", Map.of("max_bytes", max));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
