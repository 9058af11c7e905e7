package com.waqup.conversation.config;

import java.time.Clock;

import com.waqup.common.security.JwtValidation;
import com.waqup.common.security.WaqupSecurityProperties;
import com.waqup.conversation.dialogue.LexiconExtractor;
import com.waqup.conversation.dialogue.SlotExtractor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConversationProperties.class)
class ConversationConfiguration {

    /**
     * The platform's RS256 verifier (as common-lib builds it: JWKS, RS256, {@link JwtValidation}) behind a cache of
     * verified tokens: a conversation sends the same token on every turn.
     */
    @Bean
    JwtDecoder jwtDecoder(WaqupSecurityProperties properties) {
        OAuth2TokenValidator<Jwt> validator = JwtValidation.validator(properties);
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        nimbus.setClaimSetConverter(com.waqup.common.security.JwtValidation.claimSetConverter());
        nimbus.setJwtValidator(validator);
        return new CachingJwtDecoder(nimbus, validator, 10_000);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The offline extractor, unless an LLM-backed one is configured (waqup.llm.provider, docs/llm.md). */
    @Bean
    @ConditionalOnProperty(name = "waqup.llm.provider", havingValue = "composer", matchIfMissing = true)
    SlotExtractor lexiconExtractor() {
        return new LexiconExtractor();
    }
}
