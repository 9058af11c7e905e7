package com.waqup.gateway.edge;

import java.net.InetSocketAddress;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import com.waqup.gateway.config.GatewayProperties;

/**
 * The client's address, worked out once per request and kept as an exchange attribute: the TCP peer, or, behind
 * {@code waqup.gateway.trusted-proxy-hops} proxies (a load balancer, the Ingress), the {@code X-Forwarded-For} entry
 * that many hops from the end (entries further left come from the client and prove nothing). The rate limiter keys
 * anonymous clients on it, and {@link ForwardedForHeadersFilter} hands it to the services as the one
 * {@code X-Forwarded-For} entry they trust from the gateway (user-service's login throttle keys on it).
 */
@Component
public class ClientAddress implements WebFilter, Ordered {

    static final String ATTRIBUTE = ClientAddress.class.getName() + ".address";

    private final int trustedProxyHops;

    ClientAddress(GatewayProperties properties) {
        this.trustedProxyHops = properties.trustedProxyHops();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getAttributes().put(ATTRIBUTE, resolve(exchange));
        return chain.filter(exchange);
    }

    /** The address of this exchange's client ({@code unknown} if the connection had none). */
    public static String of(ServerWebExchange exchange) {
        Object address = exchange.getAttribute(ATTRIBUTE);
        return address instanceof String s ? s : peer(exchange);
    }

    String resolve(ServerWebExchange exchange) {
        if (trustedProxyHops > 0) {
            String forwarded = exchange.getRequest().getHeaders().getFirst("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                String candidate = hops[Math.max(0, hops.length - trustedProxyHops)].trim();
                if (isAddress(candidate)) {
                    return candidate;
                }
            }
        }
        return peer(exchange);
    }

    private static String peer(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    /** An IPv4 or IPv6 literal (what a proxy writes), never a name or arbitrary text. */
    static boolean isAddress(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
