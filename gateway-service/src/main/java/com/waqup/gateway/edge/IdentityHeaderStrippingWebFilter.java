package com.waqup.gateway.edge;

import java.util.ArrayList;
import java.util.List;

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
        List<String> suspicious = null;
        for (String name : exchange.getRequest().getHeaders().headerNames()) {
            if (suspicious(name)) { // a plain loop, nothing allocated: this runs for every header of every request
                if (suspicious == null) {
                    suspicious = new ArrayList<>();
                }
                suspicious.add(name);
            }
        }
        if (suspicious == null) {
            return chain.filter(exchange);
        }
        List<String> names = suspicious;
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> names.forEach(h::remove)).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    static boolean suspicious(String name) {
        for (String prefix : PREFIXES) {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
