package com.waqup.gateway.edge;

import java.time.Duration;
import java.time.Instant;

import com.waqup.common.client.Deadline;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells the service a request is routed to when the gateway stops waiting for its answer: {@value Deadline#HEADER}
 * is now plus the route's response timeout (its {@code response-timeout} metadata in milliseconds, else the gateway's
 * {@code httpclient.response-timeout}). A value a client sent is never passed on. The service refuses the request
 * once that moment has passed and gives its own calls no more time than is left (docs/resilience.md).
 */
@Component
class RouteDeadlineFilter implements GlobalFilter, Ordered {

    private final Duration defaultTimeout;

    RouteDeadlineFilter(HttpClientProperties httpClient) {
        this.defaultTimeout = httpClient.getResponseTimeout();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Duration timeout = route == null ? null : timeout(route);
        return chain.filter(exchange.mutate().request(request -> request.headers(headers -> {
            headers.remove(Deadline.HEADER);
            if (timeout != null) {
                headers.set(Deadline.HEADER, Deadline.format(Instant.now().plus(timeout)));
            }
        })).build());
    }

    private Duration timeout(Route route) {
        Object configured = route.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
        if (configured instanceof Number millis && millis.longValue() >= 0) {
            return Duration.ofMillis(millis.longValue());
        }
        if (configured != null) {
            try {
                long millis = Long.parseLong(configured.toString().trim());
                return millis >= 0 ? Duration.ofMillis(millis) : null;
            } catch (NumberFormatException e) {
                return defaultTimeout;
            }
        }
        return defaultTimeout;
    }

    @Override
    public int getOrder() {
        // after the route's own request filters, before the request is sent
        return NettyRoutingFilter.ORDER - 1;
    }
}
