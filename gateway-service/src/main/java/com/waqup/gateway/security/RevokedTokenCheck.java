package com.waqup.gateway.security;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/**
 * A signature-valid token is still refused when user-service revoked every token of its subject issued up to a
 * moment (an erased account, docs/privacy.md): Redis key {@code auth:revoked:{sub}} = epoch second, compared with
 * the token's {@code iat}. The key exists only as long as such a token can live. Redis trouble fails open, like
 * the rate limiter: the signature and expiry checks still hold.
 */
class RevokedTokenCheck implements ReactiveJwtDecoder {

    static final String PREFIX = "auth:revoked:";
    private static final Logger log = LoggerFactory.getLogger(RevokedTokenCheck.class);

    private final ReactiveJwtDecoder delegate;
    private final ReactiveStringRedisTemplate redis;

    RevokedTokenCheck(ReactiveJwtDecoder delegate, ReactiveStringRedisTemplate redis) {
        this.delegate = delegate;
        this.redis = redis;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return delegate.decode(token).flatMap(this::notRevoked);
    }

    private Mono<Jwt> notRevoked(Jwt jwt) {
        if (jwt.getSubject() == null) {
            return Mono.just(jwt);
        }
        return redis.opsForValue().get(PREFIX + jwt.getSubject())
                .map(value -> revoked(jwt, value))
                .onErrorResume(e -> {
                    log.warn("revocation check unavailable, token accepted on its signature: {}", e.toString());
                    return Mono.just(false);
                })
                .defaultIfEmpty(false)
                .flatMap(revoked -> revoked ? Mono.error(new BadJwtException("the token was revoked")) : Mono.just(jwt));
    }

    private static boolean revoked(Jwt jwt, String value) {
        Instant issued = jwt.getIssuedAt();
        try {
            return issued == null || issued.getEpochSecond() <= Long.parseLong(value);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
