package com.waqup.user.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.waqup.user.config.IdentityProperties;

/**
 * Marks every access token issued to a person until now as revoked: Redis key {@code auth:revoked:{user_id}} =
 * epoch second, which the gateway compares with a token's {@code iat} (docs/privacy.md). The key lives as long as
 * an access token can, so it disappears with the last token it could match.
 */
@Component
class RevokedTokens {

    static final String PREFIX = "auth:revoked:";

    private final StringRedisTemplate redis;
    private final Duration ttl;

    RevokedTokens(StringRedisTemplate redis, IdentityProperties identity) {
        this.redis = redis;
        this.ttl = identity.accessTokenTtl().plusMinutes(1);
    }

    void revokeAllIssuedBefore(UUID userId, Instant instant) {
        redis.opsForValue().set(PREFIX + userId, Long.toString(instant.getEpochSecond()), ttl);
    }
}
