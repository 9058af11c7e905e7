package com.waqup.common.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/** The checks every verifier (gateway, services) applies after the RS256 signature. */
public final class JwtValidation {

    private JwtValidation() {
    }

    /**
     * The claim conversion every verifier uses: Spring Security's defaults, except that {@code iss} stays the string
     * it is. The default tries to read it as a URL first, and our issuer ({@code waqup}) is not one, so every request
     * threw and caught an exception inside the converter (seen in a JFR profile of the gateway).
     */
    public static MappedJwtClaimSetConverter claimSetConverter() {
        return MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, iss -> iss == null ? null : iss.toString()));
    }

    /** Expiry (30 s skew), issuer, and the audience of user tokens; a token without {@code exp} is refused (the gateway). */
    public static OAuth2TokenValidator<Jwt> validator(WaqupSecurityProperties properties) {
        return validator(properties, null);
    }

    /**
     * Expiry (30 s skew), issuer, and either the audience of user tokens or, when {@code service} is given, that of
     * service tokens for this service ({@code waqup-internal:<service>}): a service token for another service is
     * refused here (401). A token without {@code exp} is refused.
     */
    public static OAuth2TokenValidator<Jwt> validator(WaqupSecurityProperties properties, String service) {
        String internal = service == null ? null : JwtAuthorities.internalAudience(properties.internalAudience(), service);
        OAuth2TokenValidator<Jwt> audience = jwt -> {
            List<String> aud = jwt.getAudience();
            boolean ok = aud != null && (aud.contains(properties.audience()) || (internal != null && aud.contains(internal)));
            return ok && jwt.getExpiresAt() != null ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "audience or expiry missing", null));
        };
        return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(Duration.ofSeconds(30)),
                new JwtIssuerValidator(properties.issuer()), audience);
    }
}
