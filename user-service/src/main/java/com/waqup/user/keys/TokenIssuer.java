package com.waqup.user.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.waqup.common.security.JwtAuthorities;
import com.waqup.common.security.Roles;
import com.waqup.common.security.WaqupSecurityProperties;
import com.waqup.user.config.IdentityProperties;
import io.jsonwebtoken.Jwts;
import org.springframework.stereotype.Component;

/** Signs access tokens (people) and service tokens (our services) with the active key, via jjwt. */
@Component
public class TokenIssuer {

    private final SigningKeys keys;
    private final IdentityProperties identity;
    private final WaqupSecurityProperties security;
    private final Clock clock;

    TokenIssuer(SigningKeys keys, IdentityProperties identity, WaqupSecurityProperties security, Clock clock) {
        this.keys = keys;
        this.identity = identity;
        this.security = security;
        this.clock = clock;
    }

    /** A 15-minute access token: {@code sub}, {@code roles}, {@code tier}, {@code iss}, {@code aud}, {@code kid}. */
    public String accessToken(UUID userId, List<String> roles, String tier) {
        return sign(userId.toString(), security.audience(), roles, tier, identity.accessTokenTtl().toSeconds());
    }

    /**
     * A short-lived token that lets service {@code caller} call {@code audience}'s {@code /internal/**} routes that need
     * one of {@code scopes}: {@code sub = service:<caller>}, {@code aud = waqup-internal:<audience>}, {@code scope}.
     */
    public String serviceToken(String caller, String audience, Set<String> scopes) {
        return sign("service:" + caller, JwtAuthorities.internalAudience(security.internalAudience(), audience),
                List.of(Roles.SERVICE), null, identity.serviceTokenTtl().toSeconds(), String.join(" ", new TreeSet<>(scopes)));
    }

    private String sign(String subject, String audience, List<String> roles, String tier, long ttlSeconds) {
        return sign(subject, audience, roles, tier, ttlSeconds, null);
    }

    private String sign(String subject, String audience, List<String> roles, String tier, long ttlSeconds, String scope) {
        try {
            RSAKey key = keys.active();
            Instant now = clock.instant();
            var builder = Jwts.builder()
                    .header().keyId(key.getKeyID()).type("JWT").and()
                    .id(UUID.randomUUID().toString())
                    .subject(subject)
                    .issuer(security.issuer())
                    .audience().add(audience).and()
                    .issuedAt(Date.from(now))
                    .notBefore(Date.from(now.minusSeconds(5)))
                    .expiration(Date.from(now.plusSeconds(ttlSeconds)))
                    .claim("roles", roles);
            if (tier != null) {
                builder.claim("tier", tier);
            }
            if (scope != null) {
                builder.claim("scope", scope);
            }
            return builder.signWith(key.toRSAPrivateKey(), Jwts.SIG.RS256).compact();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
