package com.waqup.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.waqup.common.error.ErrorCodes;
import com.waqup.common.security.BearerTokens;
import com.waqup.common.security.CachingJwtDecoder;
import com.waqup.common.security.CachingJwtDecoder.VerifiedTokens;
import com.waqup.common.security.JwtAuthorities;
import com.waqup.common.security.JwtValidation;
import com.waqup.common.security.Roles;
import com.waqup.common.security.WaqupSecurityProperties;
import com.waqup.gateway.config.GatewayProperties;
import com.waqup.gateway.edge.EnvelopeWriter;
import io.netty.channel.ChannelOption;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Every request through the gateway carries a valid user JWT, except sign-up/sign-in/refresh, the Stripe
 * webhook (signature-checked by payment-service), health and the API docs. Tokens are verified against
 * user-service's JWKS (cached; fetched again when a token names an unknown {@code kid}). A creator's own endpoints
 * ({@code /api/v1/creators/me/**}) need the creator role; public creator profiles any signed-in person. Actuator
 * is served on its own port (open there: only probes and Prometheus reach it); the public port answers only
 * {@code GET /actuator/health}, with the status. The WebSocket handshake authenticates with {@code ?token=}. Failures are the error envelope with {@code WWW-Authenticate}. A verified token is remembered
 * (common-lib's {@code CachingJwtDecoder.VerifiedTokens}), so its signature is checked once. Whether a token was revoked
 * (an erased account) is checked on every routed request, in the same Redis round trip as its rate limit
 * ({@code TieredRateLimitFilter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WaqupSecurityProperties.class)
class GatewaySecurityConfiguration {

    static final String WEBSOCKET_PATH = "/ws/conversation";

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, WaqupSecurityProperties properties,
            EnvelopeWriter envelopes) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new JwtAuthorities(properties.audience(), null));
        String[] people = { Roles.authority(Roles.USER), Roles.authority(Roles.CREATOR), Roles.authority(Roles.ADMIN) };
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(Customizer.withDefaults())
                .authorizeExchange(ex -> ex
                        // Actuator's own port is reachable only from inside (probes, Prometheus); the public port has none of it
                        .matchers(GatewaySecurityConfiguration::onManagementPort).permitAll()
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh").permitAll()
                        // Stripe's webhook (signature-checked by payment-service, body passed on untouched)
                        .pathMatchers(HttpMethod.POST, "/api/v1/payments/webhook").permitAll()
                        // the payment sandbox's checkout page, its stylesheet and its Pay/Cancel forms (only while no
                        // Stripe key is set; payment-service answers 404 otherwise)
                        .pathMatchers(HttpMethod.GET, "/sandbox/checkout/*", "/sandbox/assets/*").permitAll()
                        .pathMatchers(HttpMethod.POST, "/sandbox/checkout/*/pay", "/sandbox/checkout/*/cancel").permitAll()
                        // a share link: anyone holding it may listen to that one item (ritual-library checks the token)
                        .pathMatchers(HttpMethod.GET, "/api/v1/content/shared/*", "/api/v1/content/shared/*/audio").permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/v3/api-docs/**", "/docs/*/v3/api-docs").permitAll()
                        // a creator's own profile, packs and analytics; anyone signed in reads /api/v1/creators/{id}
                        .pathMatchers("/api/v1/creators/me", "/api/v1/creators/me/**")
                                .hasAnyAuthority(Roles.authority(Roles.CREATOR), Roles.authority(Roles.ADMIN))
                        // a creator's rewards: theirs alone (an admin pays them out under /api/v1/admin/rewards/**)
                        .pathMatchers("/api/v1/rewards", "/api/v1/rewards/**").hasAuthority(Roles.authority(Roles.CREATOR))
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

    /**
     * Spring Security's own observations are switched off platform-wide ({@code management.observations.enable.spring
     * .security=false}); without this setting the reactive chain is still wrapped in observation decorators (every
     * filter, the authentication and the authorization) that build no-op observations on every request
     * (docs/performance.md). Requests stay observed as a whole (the HTTP server and client observations).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** A request to the management server (its own port and child context), not to the public one. */
    static Mono<ServerWebExchangeMatcher.MatchResult> onManagementPort(
            ServerWebExchange exchange) {
        return WebServerApplicationContext.hasServerNamespace(
                exchange.getApplicationContext(), "management")
                        ? ServerWebExchangeMatcher.MatchResult.match()
                        : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    @Bean
    ReactiveJwtDecoder reactiveJwtDecoder(WaqupSecurityProperties properties) {
        // the key set is fetched from user-service (again for a key id not seen yet): bounded, so a slow or hung
        // user-service makes those requests fail (504; 503 when it refuses connections: EnvelopeErrorWebExceptionHandler)
        // instead of holding them; Reactor Netty has no timeout of its own
        WebClient jwks = WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000).responseTimeout(Duration.ofSeconds(5)))).build();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri())
                .webClient(jwks).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        OAuth2TokenValidator<Jwt> validator = JwtValidation.validator(properties);
        decoder.setClaimSetConverter(JwtValidation.claimSetConverter());
        decoder.setJwtValidator(validator);
        VerifiedTokens verified = new VerifiedTokens(validator, CachingJwtDecoder.DEFAULT_MAX_ENTRIES);
        return new CachingReactiveJwtDecoder(decoder, verified);
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

    /**
     * {@code Authorization: Bearer …}, or {@code ?token=…} on the WebSocket handshake (browsers cannot set headers
     * there). The header is read as Spring Security's {@code ServerBearerTokenAuthenticationConverter} reads it
     * (scheme case-insensitive, RFC 6750 token characters, a malformed token is {@code invalid_token}) with a scan
     * instead of its regular expression (common-lib {@link BearerTokens}), which was ~2 % of the gateway's CPU per request.
     */
    static ServerAuthenticationConverter tokenFromHeaderOrWebSocketQuery() {
        return exchange -> {
            if (WEBSOCKET_PATH.equals(exchange.getRequest().getPath().value())) {
                String token = exchange.getRequest().getQueryParams().getFirst("token");
                if (token != null && !token.isBlank()) {
                    return Mono.just(new BearerTokenAuthenticationToken(token));
                }
            }
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (!BearerTokens.hasBearerScheme(header)) {
                return Mono.empty();
            }
            String token = BearerTokens.token(header);
            if (token == null) {
                return Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
            }
            return Mono.just(new BearerTokenAuthenticationToken(token));
        };
    }

    /**
     * Spring Security's strict firewall with its header checks (names and values: assigned, non-control characters)
     * done by a scan instead of a regular expression per header read (~2 % of the gateway's CPU per request).
     */
    @Bean
    ServerWebExchangeFirewall serverWebExchangeFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(GatewaySecurityConfiguration::assignedAndNotControl);
        firewall.setAllowedHeaderValues(GatewaySecurityConfiguration::assignedAndNotControl);
        return firewall;
    }

    static boolean assignedAndNotControl(String s) {
        if (s == null) { // an absent header: nothing to check (the firewall asks about it too)
            return true;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!Character.isDefined(cp) || Character.isISOControl(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    static ServerAuthenticationEntryPoint unauthorized(EnvelopeWriter envelopes) {
        return (exchange, ex) -> InvalidToken.write(envelopes, exchange);
    }

    static ServerAccessDeniedHandler forbidden(EnvelopeWriter envelopes) {
        return (exchange, ex) -> envelopes.write(exchange, HttpStatus.FORBIDDEN, "FORBIDDEN",
                ErrorCodes.messageForStatus(403), Map.of());
    }
}
