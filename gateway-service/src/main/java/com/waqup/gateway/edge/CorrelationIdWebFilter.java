package com.waqup.gateway.edge;

import com.waqup.common.correlation.CorrelationId;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Accepts a well-formed {@code X-Correlation-Id} from the client or generates one, echoes it on the response and keeps
 * it as an exchange attribute ({@link #of}), from where the error handler puts it into the MDC of the lines it logs and
 * {@link ForwardedForHeadersFilter} sends it downstream (set on the proxied request's headers, which are copied there
 * anyway, instead of a mutated copy of the request here).
 */
@Component
class CorrelationIdWebFilter implements WebFilter, Ordered {

    static final String ATTRIBUTE = CorrelationIdWebFilter.class.getName() + ".id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = CorrelationId.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(CorrelationId.HEADER));
        exchange.getAttributes().put(ATTRIBUTE, id);
        // set just before the response is written, replacing a downstream's echo of the header
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(CorrelationId.HEADER, id);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    static String of(ServerWebExchange exchange) {
        Object id = exchange.getAttribute(ATTRIBUTE);
        return id instanceof String s ? s : CorrelationId.generate();
    }
}
