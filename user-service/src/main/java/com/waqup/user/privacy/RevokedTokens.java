package com.waqup.user.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.waqup.common.security.TokenRevocation;
import com.waqup.user.config.IdentityProperties;

/**
 * Marks every access token issued to a person until now as revoked: Redis key {@code auth:revoked:{user_id}} ({@link TokenRevocation}) =
 * epoch second, which the gateway compares with a token's {@code iat} (docs/privacy.md). The key lives as long as
 * an access token can, so it disappears with the last token it could match.
 */
@Component
class RevokedTokens {

    private final StringRedisTemplate redis;
    private final Duration ttl;

    RevokedTokens(StringRedisTemplate redis, IdentityProperties identity) {
        this.redis = redis;
        this.ttl = identity.accessTokenTtl().plusMinutes(1);
    }

    void revokeAllIssuedBefore(UUID userId, Instant instant) {
        redis.opsForValue().set(TokenRevocation.key(userId), Long.toString(instant.getEpochSecond()), ttl);
    }
}
