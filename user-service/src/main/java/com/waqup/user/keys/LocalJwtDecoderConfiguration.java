package com.waqup.user.keys;

import java.net.URI;
import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.waqup.common.security.JwtValidation;
import com.waqup.common.security.RevokedTokenValidator;
import com.waqup.common.security.WaqupSecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * user-service verifies tokens against its own keys directly (it is the issuer), falling back to the configured JWKS
 * for a {@code kid} it does not hold (by default its own endpoint, so nothing else). A {@code kid} that neither knows
 * is an unknown signer: 401 {@code INVALID_TOKEN}, as at every other service. The fallback failing (unreachable, or
 * refusing to be asked again so soon after the last unknown {@code kid}) counts as "no such key", never as an error
 * of the verifier (which Spring Security would turn into a 500). Revoked tokens (an erased account) are refused as
 * everywhere ({@link RevokedTokenValidator}).
 */
@Configuration(proxyBeanMethods = false)
class LocalJwtDecoderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalJwtDecoderConfiguration.class);

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, WaqupSecurityProperties properties, RevokedTokenValidator revoked,
            @Value("${spring.application.name}") String serviceName) throws Exception {
        JWKSource<SecurityContext> remote = JWKSourceBuilder.create(URI.create(properties.jwksUri()).toURL())
                .retrying(false).build();
        JWKSource<SecurityContext> source = (selector, context) -> {
            List<JWK> local = selector.select(keys.published());
            if (!local.isEmpty()) {
                return local;
            }
            try {
                return remote.get(selector, context);
            } catch (KeySourceException e) {
                log.debug("no key for a token's kid in the configured JWKS either: {}", e.toString());
                return List.of();
            }
        };
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setClaimSetConverter(JwtValidation.claimSetConverter());
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidation.validator(properties, serviceName), revoked));
        return decoder;
    }
}
