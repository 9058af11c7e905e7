package com.waqup.gateway.edge;

import com.waqup.gateway.config.GatewayProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code Content-Security-Policy} on every answer, the policy chosen by what is served ({@link #policyFor}: the API
 * and its error envelopes, or Swagger UI), and {@code Strict-Transport-Security} when the request came over TLS (or
 * always, {@link SecurityHeadersProperties#hsts()}). Set just before the response is written, so proxied answers and
 * the gateway's own errors get the same headers. The web app's files carry their own, stricter-for-an-app policy
 * ({@code waqup.web.content-security-policy}, set by {@code WebAppHandler}), which this filter leaves as it is.
 */
@Component
class SecurityHeadersWebFilter implements WebFilter, Ordered {

    private final SecurityHeadersProperties headers;
    private final boolean trustForwardedProto;
    private final String hstsValue;

    SecurityHeadersWebFilter(SecurityHeadersProperties headers, GatewayProperties gateway) {
        this.headers = headers;
        this.trustForwardedProto = gateway.trustedProxyHops() > 0;
        this.hstsValue = "max-age=" + headers.hstsMaxAge().toSeconds() + (headers.hstsIncludeSubdomains() ? "; includeSubDomains" : "");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders out = exchange.getResponse().getHeaders();
            if (!out.containsHeader("Content-Security-Policy")) { // a handler of its own content (the web app) set its own
                out.set("Content-Security-Policy", policyFor(exchange.getRequest().getPath().value()));
            }
            if (sendHsts(exchange)) {
                out.set("Strict-Transport-Security", hstsValue);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    String policyFor(String path) {
        if (path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/") || path.startsWith("/webjars/")) {
            return headers.docsContentSecurityPolicy();
        }
        return headers.contentSecurityPolicy();
    }

    private boolean sendHsts(ServerWebExchange exchange) {
        return switch (headers.hsts()) {
            case ALWAYS -> true;
            case OFF -> false;
            case TLS -> exchange.getRequest().getSslInfo() != null
                    || "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())
                    || (trustForwardedProto && "https".equalsIgnoreCase(exchange.getRequest().getHeaders().getFirst("X-Forwarded-Proto")));
        };
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
