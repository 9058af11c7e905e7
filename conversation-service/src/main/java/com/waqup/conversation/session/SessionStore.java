package com.waqup.conversation.session;

import java.time.Duration;
import java.util.Optional;

import com.waqup.conversation.config.ConversationProperties;
import com.waqup.conversation.dialogue.Session;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live sessions in Redis under the seed's key {@code session:{session_id}}, with the session TTL (1 h) set on
 * every write and refreshed on every read. A per-session lock keeps two turns of one session from interleaving.
 */
@Component
class SessionStore {

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;

    SessionStore(StringRedisTemplate redis, JsonMapper json, ConversationProperties properties) {
        this.redis = redis;
        this.json = json;
        this.ttl = properties.sessionTtl();
    }

    static String key(String sessionId) {
        return "session:" + sessionId;
    }

    void save(Session session) {
        redis.opsForValue().set(key(session.sessionId), json.writeValueAsString(session), ttl);
    }

    Optional<Session> find(String sessionId) {
        String value = redis.opsForValue().getAndExpire(key(sessionId), ttl);
        return value == null ? Optional.empty() : Optional.of(json.readValue(value, Session.class));
    }

    /** Takes the session's turn lock for a few seconds; false if another turn holds it. */
    boolean lock(String sessionId) {
        return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key(sessionId) + ":lock", "1", Duration.ofSeconds(15)));
    }

    void unlock(String sessionId) {
        redis.delete(key(sessionId) + ":lock");
    }
}
