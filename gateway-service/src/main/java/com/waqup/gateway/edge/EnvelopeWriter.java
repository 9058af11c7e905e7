package com.waqup.gateway.edge;

import java.util.Map;

import com.waqup.common.error.ErrorEnvelope;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes the seed's error envelope as the gateway's own response (security, rate limits, size limits). */
@Component
public class EnvelopeWriter {

    private final JsonMapper json;

    EnvelopeWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String code, String message,
            Map<String, Object> details) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = json.writeValueAsBytes(ErrorEnvelope.of(code, message, details, correlationId(exchange)));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    public static String correlationId(ServerWebExchange exchange) {
        return CorrelationIdWebFilter.of(exchange);
    }
}
