package com.waqup.gateway.security;

import java.util.List;
import java.util.Map;

import com.waqup.common.error.ErrorCodes;
import com.waqup.common.security.JwtAuthorities;
import com.waqup.common.security.JwtValidation;
import com.waqup.common.security.Roles;
import com.waqup.common.security.WaqupSecurityProperties;
import com.waqup.gateway.edge.EnvelopeWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

/**
 * Every request through the gateway carries a valid user JWT, except sign-up/sign-in/refresh, the Stripe
 * webhook (signature-checked by payment-service), health and the API docs. Tokens are verified against
 * user-service's JWKS (cached; fetched again when a token names an unknown {@code kid}). Creator endpoints
 * need the creator role, Actuator beyond health the admin role. The WebSocket handshake authenticates with
 * {@code ?token=}. Failures are the error envelope with {@code WWW-Authenticate}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ WaqupSecurityProperties.class, GatewayProperties.class })
class GatewaySecurityConfiguration {

    static final String WEBSOCKET_PATH = "/ws/conversation";

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, WaqupSecurityProperties properties,
            EnvelopeWriter envelopes) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new JwtAuthorities(properties.audience(), properties.internalAudience()));
        String[] people = { Roles.authority(Roles.USER), Roles.authority(Roles.CREATOR), Roles.authority(Roles.ADMIN) };
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(Customizer.withDefaults())
                .authorizeExchange(ex -> ex
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/v1/payments/webhook").permitAll()
                        // a share link: anyone holding it may listen to that one item (ritual-library checks the token)
                        .pathMatchers(HttpMethod.GET, "/api/v1/content/shared/*", "/api/v1/content/shared/*/audio").permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/v3/api-docs/**", "/docs/*/v3/api-docs").permitAll()
                        .pathMatchers("/api/v1/creators/**").hasAnyAuthority(Roles.authority(Roles.CREATOR), Roles.authority(Roles.ADMIN))
                        .pathMatchers("/api/v1/admin/**", "/actuator/**").hasAuthority(Roles.authority(Roles.ADMIN))
                        .anyExchange().hasAnyAuthority(people))
                .oauth2ResourceServer(o -> o
                        .bearerTokenConverter(tokenFromHeaderOrWebSocketQuery())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter)))
                        .authenticationEntryPoint(unauthorized(envelopes))
                        .accessDeniedHandler(forbidden(envelopes)))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized(envelopes)).accessDeniedHandler(forbidden(envelopes)));
        return http.build();
    }

    @Bean
    ReactiveJwtDecoder reactiveJwtDecoder(WaqupSecurityProperties properties,
            org.springframework.data.redis.core.ReactiveStringRedisTemplate redis) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setClaimSetConverter(com.waqup.common.security.JwtValidation.claimSetConverter());
        decoder.setJwtValidator(JwtValidation.validator(properties));
        return new RevokedTokenCheck(decoder, redis);
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "X-Correlation-Id", "Idempotency-Key"));
        cors.setExposedHeaders(List.of("X-Correlation-Id", HttpHeaders.RETRY_AFTER, "X-RateLimit-Remaining"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /** {@code Authorization: Bearer …}, or {@code ?token=…} on the WebSocket handshake (browsers cannot set headers there). */
    static org.springframework.security.web.server.authentication.ServerAuthenticationConverter tokenFromHeaderOrWebSocketQuery() {
        ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();
        return exchange -> {
            if (WEBSOCKET_PATH.equals(exchange.getRequest().getPath().value())) {
                String token = exchange.getRequest().getQueryParams().getFirst("token");
                if (token != null && !token.isBlank()) {
                    return Mono.just(new BearerTokenAuthenticationToken(token));
                }
            }
            return header.convert(exchange);
        };
    }

    static ServerAuthenticationEntryPoint unauthorized(EnvelopeWriter envelopes) {
        return (exchange, ex) -> {
            boolean tokenSent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                    || exchange.getRequest().getQueryParams().containsKey("token");
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, tokenSent
                    ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
                    : "Bearer");
            return envelopes.write(exchange, HttpStatus.UNAUTHORIZED, tokenSent ? "INVALID_TOKEN" : "UNAUTHORIZED",
                    tokenSent ? "The access token is invalid or expired" : ErrorCodes.messageForStatus(401), Map.of());
        };
    }

    static ServerAccessDeniedHandler forbidden(EnvelopeWriter envelopes) {
        return (exchange, ex) -> envelopes.write(exchange, HttpStatus.FORBIDDEN, "FORBIDDEN",
                ErrorCodes.messageForStatus(403), Map.of());
    }
}
