package com.waqup.gateway.edge;

import com.waqup.common.correlation.CorrelationId;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every proxied request (HTTP and the WebSocket handshake) carries exactly one {@code X-Forwarded-For} entry: the
 * client's address as the gateway established it ({@link ClientAddress}). Whatever the client sent under that name is
 * replaced, so a service that trusts the header from the gateway (user-service's login throttle) can never be handed
 * an address the client chose. Runs after Spring Cloud Gateway's own forwarded-header filters.
 * <p>
 * It also sets the request's correlation id ({@link CorrelationIdWebFilter}: the client's well-formed one or a new
 * one) as {@code X-Correlation-Id}, replacing what the client sent: this copy of the headers is made for the
 * downstream request anyway, so the edge does not copy the request's headers once more to add it (docs/performance.md).
 */
@Component
class ForwardedForHeadersFilter implements HttpHeadersFilter, Ordered {

    static final String HEADER = "X-Forwarded-For";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.set(HEADER, ClientAddress.of(exchange));
        headers.set(CorrelationId.HEADER, CorrelationIdWebFilter.of(exchange));
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
