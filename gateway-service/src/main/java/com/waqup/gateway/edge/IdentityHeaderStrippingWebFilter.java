package com.waqup.gateway.edge;

import java.util.List;
import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A client can never assert an identity by header: headers that look like identity or internal routing
 * information are removed before anything else sees the request. Services trust only the verified JWT.
 */
@Component
class IdentityHeaderStrippingWebFilter implements WebFilter, Ordered {

    static final List<String> PREFIXES = List.of("x-user-", "x-auth-", "x-authenticated-", "x-internal-", "x-service-",
            "x-roles", "x-tier", "x-forwarded-user", "x-remote-user");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> suspicious = exchange.getRequest().getHeaders().headerNames().stream()
                .filter(name -> PREFIXES.stream().anyMatch(p -> name.toLowerCase(Locale.ROOT).startsWith(p)))
                .toList();
        if (suspicious.isEmpty()) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> suspicious.forEach(h::remove)).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
