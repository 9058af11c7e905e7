package com.waqup.common.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How services verify callers. User tokens (audience {@code audience}) reach the public API; service tokens
 * (audience {@code internalAudience}, role {@code service}) reach {@code /internal/**}; both are RS256 JWTs
 * issued by user-service and verified against its JWKS.
 *
 * @param jwksUri        user-service's JWKS endpoint
 * @param issuer         the {@code iss} every token must carry
 * @param audience       the {@code aud} of user tokens
 * @param internalAudience the {@code aud} of service tokens
 * @param publicPaths    ant patterns this service serves without a token (besides health and API docs)
 * @param serviceClient  how this service obtains its own service token
 * @param revocationCacheTtl how long a service remembers whether a person's tokens were revoked (an erased account)
 */
@ConfigurationProperties("waqup.security")
public record WaqupSecurityProperties(
        @DefaultValue("http://127.0.0.1:8081/.well-known/jwks.json") String jwksUri,
        @DefaultValue("waqup") String issuer,
        @DefaultValue("waqup-api") String audience,
        @DefaultValue("waqup-internal") String internalAudience,
        @DefaultValue({}) List<String> publicPaths,
        @DefaultValue ServiceClient serviceClient,
        @DefaultValue("5s") Duration revocationCacheTtl) {

    /**
     * @param tokenUri user-service's service-token endpoint (HTTP Basic: this service's name and the secret)
     * @param secret   the shared secret services authenticate with (from a Kubernetes Secret in production)
     * @param refreshBefore how long before expiry a cached service token is renewed
     */
    public record ServiceClient(
            @DefaultValue("http://127.0.0.1:8081/service-auth/token") String tokenUri,
            @DefaultValue("local-dev-service-secret") String secret,
            @DefaultValue("60s") Duration refreshBefore) {
    }
}
