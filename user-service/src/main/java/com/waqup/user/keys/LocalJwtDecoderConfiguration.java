package com.waqup.user.keys;

import java.net.URI;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.waqup.common.security.WaqupSecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * user-service verifies tokens against its own keys directly (it is the issuer), falling back to the
 * configured JWKS for a {@code kid} it does not hold (by default its own endpoint, so nothing else).
 */
@Configuration(proxyBeanMethods = false)
class LocalJwtDecoderConfiguration {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, WaqupSecurityProperties properties) throws Exception {
        JWKSource<SecurityContext> remote = JWKSourceBuilder.create(URI.create(properties.jwksUri()).toURL())
                .retrying(false).build();
        JWKSource<SecurityContext> source = (selector, context) -> {
            List<JWK> local = selector.select(keys.published());
            return !local.isEmpty() ? local : remote.get(selector, context);
        };
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setClaimSetConverter(com.waqup.common.security.JwtValidation.claimSetConverter());
        decoder.setJwtValidator(com.waqup.common.security.JwtValidation.validator(properties));
        return decoder;
    }
}
