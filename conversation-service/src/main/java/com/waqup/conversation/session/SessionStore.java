package com.waqup.conversation.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.waqup.conversation.config.ConversationProperties;
import com.waqup.conversation.dialogue.Session;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live sessions in Redis under the seed's key {@code session:{session_id}}, with the session TTL (1 h) set on
 * every write and refreshed on every read. A per-session lock ({@code session:{id}:lock}, a random token, 15 s)
 * keeps two turns of one session from interleaving.
 * <p>
 * A turn that fails never leaves its lock for the next one: the release is sent at once, without waiting for an
 * answer ({@link #releaseSoon}), on the same connection as the lock command. So when Redis stalls (a command times out
 * after 2 s, the client gets a 503) the lock command that is still queued is followed by its release, and Redis runs
 * both, in that order, the moment it answers again: the next turn finds the session free instead of 409 for 15 s.
 * <p>
 * A turn costs two Redis round trips: {@link #lockAndFind} takes the lock and reads the session (refreshing its
 * TTL) in one script, {@link #saveAndRelease} writes the session and releases the lock in another. The scripts are
 * static text, so their SHA-1 is computed once and each call is one {@code EVALSHA}.
 */
@Component
class SessionStore {

    static final Duration LOCK_TTL = Duration.ofSeconds(15);

    /** KEYS: session, lock. ARGV: lock token, lock ttl ms, session ttl ms. {"busy"} | {"ok"} | {"ok", session}. */
    private static final RedisScript<List> LOCK_AND_GET = RedisScript.of("""
            if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return {'busy'}
            end
            local value = redis.call('GETEX', KEYS[1], 'PX', ARGV[3])
            if not value then
              return {'ok'}
            end
            return {'ok', value}
            """, List.class);

    /** KEYS: session, lock. ARGV: session json, session ttl ms, lock token. Writes, then releases our own lock. */
    private static final RedisScript<Long> SAVE_AND_RELEASE = RedisScript.of("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            if redis.call('GET', KEYS[2]) == ARGV[3] then
              redis.call('DEL', KEYS[2])
            end
            return 1
            """, Long.class);

    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);
    /** KEYS: lock. ARGV: lock token. Releases the lock only if it is still ours (it may have expired meanwhile). */
    private static final String RELEASE_TEXT = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

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

    static String lockKey(String sessionId) {
        return key(sessionId) + ":lock";
    }

    /** A held turn lock; {@code session} is empty if the session does not exist (or has expired). */
    static final class Lease {
        private final String sessionId;
        private final String token;
        private final Optional<Session> session;
        private boolean released;

        Lease(String sessionId, String token, Optional<Session> session) {
            this.sessionId = sessionId;
            this.token = token;
            this.session = session;
        }

        Optional<Session> session() {
            return session;
        }

        boolean released() {
            return released;
        }
    }

    /** Writes a session outside a turn (a new session). */
    void save(Session session) {
        redis.opsForValue().set(key(session.sessionId()), json.writeValueAsString(session), ttl);
    }

    Optional<Session> find(String sessionId) {
        String value = redis.opsForValue().getAndExpire(key(sessionId), ttl);
        return value == null ? Optional.empty() : Optional.of(json.readValue(value, Session.class));
    }

    /** Takes the session's turn lock and reads the session in one round trip; empty if another turn holds it. */
    Optional<Lease> lockAndFind(String sessionId) {
        String token = UUID.randomUUID().toString();
        List<?> reply;
        try {
            reply = redis.execute(LOCK_AND_GET, List.of(key(sessionId), lockKey(sessionId)), token,
                    Long.toString(LOCK_TTL.toMillis()), Long.toString(ttl.toMillis()));
        } catch (RuntimeException e) {
            releaseSoon(sessionId, token); // the lock command may still run when Redis answers again: undo it right after
            throw e;
        }
        if (reply == null || reply.isEmpty() || !"ok".equals(reply.get(0))) {
            return Optional.empty();
        }
        Optional<Session> session = reply.size() > 1 && reply.get(1) instanceof String value
                ? Optional.of(json.readValue(value, Session.class)) : Optional.empty();
        return Optional.of(new Lease(sessionId, token, session));
    }

    /** Writes the session (TTL refreshed) and releases the turn lock in one round trip. */
    void saveAndRelease(Session session, Lease lease) {
        redis.execute(SAVE_AND_RELEASE, List.of(key(session.sessionId()), lockKey(lease.sessionId)),
                json.writeValueAsString(session), Long.toString(ttl.toMillis()), lease.token);
        lease.released = true;
    }

    /** Releases the turn lock of a turn that failed, without waiting: never slower, never throwing. */
    void releaseSoon(Lease lease) {
        releaseSoon(lease.sessionId, lease.token);
        lease.released = true;
    }

    /**
     * Sends the release of {@code token}'s lock and returns at once (the answer is not awaited). It goes out on the same
     * connection as every other command of this store, after the commands already sent, so even while Redis does not
     * answer it is queued right behind the lock it undoes.
     */
    @SuppressWarnings("unchecked")
    private void releaseSoon(String sessionId, String token) {
        try {
            redis.execute((RedisCallback<Void>) connection -> {
                byte[][] keys = { lockKey(sessionId).getBytes(StandardCharsets.UTF_8) };
                byte[] value = token.getBytes(StandardCharsets.UTF_8);
                if (connection.getNativeConnection() instanceof RedisScriptingAsyncCommands<?, ?> async) {
                    ((RedisScriptingAsyncCommands<byte[], byte[]>) async)
                            .eval(RELEASE_TEXT, ScriptOutputType.INTEGER, keys, value);
                } else {
                    connection.scriptingCommands().eval(RELEASE_TEXT.getBytes(StandardCharsets.UTF_8),
                            ReturnType.INTEGER, 1, keys[0], value);
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.debug("lock release for session {} not sent ({}); it expires in {} s", sessionId, e.toString(), LOCK_TTL.toSeconds());
        }
    }
}
