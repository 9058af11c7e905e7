package com.waqup.user.profile;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Profiles in Redis under the seed's key {@code user:{id}:profile} for 15 minutes, evicted on every change.
 * The cache is an optimization: when Redis is unreachable, reads go to the database and nothing fails.
 */
@Component
class ProfileCache {

    static final Duration TTL = Duration.ofMinutes(15);
    private static final Logger log = LoggerFactory.getLogger(ProfileCache.class);
    private final StringRedisTemplate redis;
    private final JsonMapper json;

    ProfileCache(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    static String key(UUID userId) {
        return "user:" + userId + ":profile";
    }

    Optional<ProfileView> get(UUID userId) {
        try {
            String cached = redis.opsForValue().get(key(userId));
            return cached == null ? Optional.empty() : Optional.of(json.readValue(cached, ProfileView.class));
        } catch (DataAccessException | JacksonException e) {
            log.warn("profile cache read failed, using the database: {}", e.toString());
            return Optional.empty();
        }
    }

    void put(ProfileView profile) {
        try {
            redis.opsForValue().set(key(profile.id()), json.writeValueAsString(profile), TTL);
        } catch (DataAccessException e) {
            log.warn("profile cache write failed: {}", e.toString());
        }
    }

    void evict(UUID userId) {
        try {
            redis.delete(key(userId));
        } catch (DataAccessException e) {
            log.warn("profile cache eviction failed: {}", e.toString());
        }
    }
}
