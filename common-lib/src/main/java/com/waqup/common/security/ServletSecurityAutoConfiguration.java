package com.waqup.common.security;

import java.time.Clock;
import java.util.List;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Defence in depth: every servlet service verifies the JWT itself (the gateway already did), so a service
 * reached directly without a valid token answers 401. Public API paths need a user token, {@code /internal/**}
 * a service token for this service carrying the scope the handler declares ({@link InternalScope}; none declared: refused); health, info, metrics and the API document are open (the network policy keeps them
 * inside the cluster), plus the paths a service declares in {@code waqup.security.public-paths}.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, JwtDecoder.class, NimbusJwtDecoder.class })
@EnableConfigurationProperties(WaqupSecurityProperties.class)
public class ServletSecurityAutoConfiguration {

    static final String[] OPEN = { "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/error" };

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain waqupSecurityFilterChain(HttpSecurity http, WaqupSecurityProperties properties,
            JsonMapper json, @Value("${spring.application.name}") String serviceName) throws Exception {
        EnvelopeSecurityHandlers handlers = new EnvelopeSecurityHandlers(json);
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new JwtAuthorities(properties.audience(),
                JwtAuthorities.internalAudience(properties.internalAudience(), serviceName)));
        List<String> publicPaths = properties.publicPaths();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .anonymous(Customizer.withDefaults())
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(OPEN).permitAll();
                    auth.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll();
                    if (!publicPaths.isEmpty()) {
                        auth.requestMatchers(publicPaths.toArray(String[]::new)).permitAll();
                    }
                    auth.requestMatchers("/internal/**").hasAuthority(Roles.authority(Roles.SERVICE));
                    auth.anyRequest().hasAnyAuthority(Roles.authority(Roles.USER), Roles.authority(Roles.CREATOR),
                            Roles.authority(Roles.ADMIN));
                })
                .oauth2ResourceServer(o -> o
                        .withObjectPostProcessor(refusingUnverifiableTokens(handlers))
                        .bearerTokenResolver(BearerTokens.resolver())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
        return http.build();
    }

    /**
     * A token that cannot be verified because the verifier itself failed (an unknown {@code kid} whose key set could
     * not be fetched, a key source that refused to be asked again so soon) is a 401 {@code INVALID_TOKEN} like every
     * other unacceptable token, never Spring Security's rethrown {@code AuthenticationServiceException} (a 500).
     */
    static ObjectPostProcessor<
            BearerTokenAuthenticationFilter> refusingUnverifiableTokens(
            EnvelopeSecurityHandlers handlers) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(
                    O filter) {
                AuthenticationEntryPointFailureHandler failure =
                        new AuthenticationEntryPointFailureHandler(handlers);
                failure.setRethrowAuthenticationServiceException(false);
                filter.setAuthenticationFailureHandler((request, response, ex) -> {
                    if (ex instanceof AuthenticationServiceException) {
                        LoggerFactory.getLogger(ServletSecurityAutoConfiguration.class)
                                .warn("token not verifiable, refused: {}", ex.getMessage());
                    }
                    failure.onAuthenticationFailure(request, response, ex);
                });
                return filter;
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder waqupJwtDecoder(WaqupSecurityProperties properties, RevokedTokenValidator revoked,
            @Value("${spring.application.name}") String serviceName) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(JwtValidation.validator(properties, serviceName), revoked);
        decoder.setClaimSetConverter(JwtValidation.claimSetConverter());
        decoder.setJwtValidator(validator);
        return new CachingJwtDecoder(decoder, validator, CachingJwtDecoder.DEFAULT_MAX_ENTRIES);
    }

    /**
     * The revocation check every service's decoder (and user-service's own) adds to its validators: markers from Redis
     * when the service has it; without Redis nothing is refused for this reason.
     */
    @Bean
    @ConditionalOnMissingBean(RevokedTokenValidator.class)
    RevokedTokenValidator revokedTokenValidator(WaqupSecurityProperties properties,
            ObjectProvider<RevokedTokenValidator.MarkerStore> stores) {
        RevokedTokenValidator.MarkerStore store = stores.getIfAvailable(() -> key -> null);
        return new RevokedTokenValidator(store, properties.revocationCacheTtl());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.data.redis.core.StringRedisTemplate")
    static class RedisRevocationConfiguration {

        @Bean
        @ConditionalOnMissingBean(RevokedTokenValidator.MarkerStore.class)
        RevokedTokenValidator.MarkerStore redisRevocationMarkers(
                ObjectProvider<StringRedisTemplate> redis) {
            return new RedisRevocationMarkers(redis);
        }
    }

    @Bean
    @ConditionalOnMissingBean(ServiceTokenClient.class)
    @ConditionalOnClass(name = "org.springframework.web.client.RestClient")
    ServiceTokenClient serviceTokenClient(RestClient.Builder builder,
            WaqupSecurityProperties properties,
            @Value("${spring.application.name}") String serviceName) {
        return new ServiceTokenClient(builder, properties, serviceName, Clock.systemUTC());
    }

    @Bean
    WebMvcConfigurer authenticatedUserConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new AuthenticatedUserArgumentResolver());
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new InternalScopeInterceptor()).addPathPatterns("/internal/**");
            }
        };
    }
}
