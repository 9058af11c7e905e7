package com.waqup.gateway.web;

import com.waqup.gateway.edge.EnvelopeWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The web app on the gateway's origin, so the app and the API need no CORS: its files and client routes at
 * {@code /} ({@link WebAppHandler}, tried after every API route, the API docs and Actuator), readable without a
 * token; and {@code /media/**}, the audio store behind this origin, so the app's service worker can keep a practice
 * for offline listening (a cross-origin pre-signed URL could only be cached as an opaque answer, which cannot serve
 * the Range requests a player seeks with).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebAppProperties.class)
class WebAppConfiguration {

    static final String MEDIA_PREFIX = "/media/";

    /** After the gateway's routes (order 1), annotated controllers (0) and router functions (-1); before static resources. */
    @Bean
    AbstractHandlerMapping webAppHandlerMapping(WebAppProperties properties, EnvelopeWriter envelopes) {
        WebAppHandler handler = new WebAppHandler(properties.directory(), properties.contentSecurityPolicy(), envelopes);
        AbstractHandlerMapping mapping = new AbstractHandlerMapping() {
            @Override
            protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
                return isAppRequest(exchange, properties) ? Mono.just(handler) : Mono.empty();
            }
        };
        mapping.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return mapping;
    }

    /**
     * The app's files are public (they hold no data: every call they make carries the person's token), and so are
     * the pre-signed audio URLs (the store checks their signature and expiry). Everything else stays with the
     * gateway's own chain.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityWebFilterChain webAppSecurity(ServerHttpSecurity http, WebAppProperties properties) {
        ServerWebExchangeMatcher appOrMedia = exchange -> isAppRequest(exchange, properties) || isMediaRequest(exchange)
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
        return http.securityMatcher(appOrMedia)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // WebAppHandler sets Cache-Control per file; the store's answers keep their own
                .headers(h -> h.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
                .authorizeExchange(ex -> ex.anyExchange().permitAll())
                .build();
    }

    /** {@code /media/<bucket>/<key>?X-Amz-…} → the store's {@code /<bucket>/<key>?X-Amz-…}, GET and HEAD only. */
    @Bean
    RouteLocator mediaRoute(RouteLocatorBuilder routes, WebAppProperties properties) {
        RouteLocatorBuilder.Builder builder = routes.routes();
        if (properties.mediaUpstream() != null && !properties.mediaUpstream().toString().isBlank()) {
            builder.route("media", r -> r.path(MEDIA_PREFIX + "**").and().method(HttpMethod.GET, HttpMethod.HEAD)
                    .filters(f -> f.stripPrefix(1)
                            .removeRequestHeader(HttpHeaders.AUTHORIZATION)
                            .removeRequestHeader(HttpHeaders.COOKIE))
                    .uri(properties.mediaUpstream()));
        }
        return builder.build();
    }

    static boolean isAppRequest(ServerWebExchange exchange, WebAppProperties properties) {
        HttpMethod method = exchange.getRequest().getMethod();
        return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                && properties.isAppPath(exchange.getRequest().getPath().pathWithinApplication().value());
    }

    static boolean isMediaRequest(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                && exchange.getRequest().getPath().pathWithinApplication().value().startsWith(MEDIA_PREFIX);
    }
}
