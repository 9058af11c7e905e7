package com.waqup.common.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Revocation markers read from Redis, where user-service writes them ({@link TokenRevocation}). */
final class RedisRevocationMarkers implements RevokedTokenValidator.MarkerStore {

    private final ObjectProvider<StringRedisTemplate> redis;

    RedisRevocationMarkers(ObjectProvider<StringRedisTemplate> redis) {
        this.redis = redis;
    }

    @Override
    public Long apply(String key) {
        StringRedisTemplate template = redis.getIfAvailable();
        String value = template == null ? null : template.opsForValue().get(key);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null; // not a marker user-service wrote
        }
    }
}
