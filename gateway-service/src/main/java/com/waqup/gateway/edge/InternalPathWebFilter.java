package com.waqup.gateway.edge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Service-to-service endpoints ({@code /internal/**}) are never reachable from outside: any request whose
 * path has an {@code internal} segment, however encoded, is answered 404 before routing.
 */
@Component
class InternalPathWebFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath().toLowerCase(Locale.ROOT);
        String decoded = raw.indexOf('%') < 0 ? raw
                : URLDecoder.decode(raw.replace("+", "%2b"), StandardCharsets.UTF_8);
        if (hasInternalSegment(decoded) || decoded.contains("..") || decoded.contains("\\")) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return chain.filter(exchange);
    }

    /** A segment (between {@code /} or {@code ;}) that is exactly {@code internal}; a scan, not a regex split. */
    static boolean hasInternalSegment(String path) {
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/' || path.charAt(i) == ';') {
                if (i - start == 8 && path.startsWith("internal", start)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
