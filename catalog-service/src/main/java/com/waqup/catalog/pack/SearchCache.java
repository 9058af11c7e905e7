package com.waqup.catalog.pack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.waqup.catalog.config.CatalogProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The seed's search cache: a search's whole answer (the JSON body of its result page, as sent) under
 * {@code search:{hash}} (SHA-256 of the canonical criteria) for {@code search-cache-ttl} (5 min), stored with the
 * {@code search:generation} it was computed under, and the same bytes in a small in-process near cache. Every change to
 * what a page shows — a pack published, updated or archived, a review's rating, a rebuilt index — bumps the generation,
 * which invalidates every cached search at once: an entry of an older generation is never answered (it is overwritten
 * or expires on its own), so a cached page is never older than the last change. A lookup is one Redis round trip (a
 * script reads the generation and, unless the near cache already holds this generation's answer, the entry); a miss
 * adds the write. An instance sees another's change at its next search. Redis being down degrades to searching every
 * time, and the near cache is not used then (it could not see invalidations).
 */
@Component
public class SearchCache {

    static final String GENERATION = "search:generation";
    /** Near-cache size: it is emptied when full (the hot searches come back at once). */
    static final int NEAR_MAX_ENTRIES = 2_000;
    /**
     * How long a near-cache entry is used at most: invalidation works through the generation, this only bounds what a
     * lost generation key (Redis restarted empty, counting from 0 again) could bring back.
     */
    static final Duration NEAR_TTL = Duration.ofSeconds(30);
    /**
     * KEYS: the generation, the entry; ARGV: the generation of the caller's near-cache answer ("" when none). Answers
     * {generation} when that near-cache answer is current or nothing current is stored, else {generation, answer}. An
     * entry is "{generation}\n{answer}".
     */
    private static final RedisScript<List> LOOKUP = RedisScript.of("""
            local g = redis.call('GET', KEYS[1]) or '0'
            if ARGV[1] == g then return {g} end
            local v = redis.call('GET', KEYS[2])
            if v then
              local p = g .. '\\n'
              if string.sub(v, 1, #p) == p then return {g, string.sub(v, #p + 1)} end
            end
            return {g}
            """, List.class);
    /** The script's answer as it is: bytes (the generation, the answer). */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static final RedisSerializer<List> BYTES = (RedisSerializer) RedisSerializer.byteArray();
    private static final Logger log = LoggerFactory.getLogger(SearchCache.class);

    private final StringRedisTemplate redis;
    private final CatalogProperties properties;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final Map<String, Near> near = new ConcurrentHashMap<>();
    private final long nearTtlNanos;

    SearchCache(StringRedisTemplate redis, CatalogProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.properties = properties;
        this.nearTtlNanos = Math.min(properties.searchCacheTtl().toNanos(), NEAR_TTL.toNanos());
        this.hits = Counter.builder("waqup.cache.requests").tag("cache", "search").tag("result", "hit")
                .description("Search answers served from a cache").register(meters);
        this.misses = Counter.builder("waqup.cache.requests").tag("cache", "search").tag("result", "miss")
                .description("Searches that went to Elasticsearch").register(meters);
        this.errors = Counter.builder("waqup.cache.requests").tag("cache", "search").tag("result", "error")
                .description("Search cache reads or writes that Redis could not serve").register(meters);
    }

    /**
     * A search looked up: its key, the generation read with it (null when Redis could not be read: nothing is stored
     * then) and the cached answer (null on a miss).
     */
    record Lookup(String redisKey, String generation, byte[] answer) {
    }

    private record Near(String generation, byte[] body, long expiresAtNanos) {
    }

    /** Looks a search up by its canonical criteria: the near cache and Redis in one round trip. */
    Lookup lookup(String canonicalCriteria) {
        String key = "search:" + sha256(canonicalCriteria);
        Near local = near.get(key);
        if (local != null && local.expiresAtNanos() - System.nanoTime() <= 0) {
            local = null;
        }
        List<byte[]> answer;
        try {
            answer = redis.execute(LOOKUP, RedisSerializer.string(), BYTES, List.of(GENERATION, key),
                    local == null ? "" : local.generation());
        } catch (RuntimeException e) {
            errors.increment();
            log.warn("search cache unavailable, searching Elasticsearch: {}", e.toString());
            return new Lookup(key, null, null);
        }
        String generation = new String(answer.get(0), StandardCharsets.UTF_8);
        if (answer.size() > 1) {
            hits.increment();
            remember(key, generation, answer.get(1));
            return new Lookup(key, generation, answer.get(1));
        }
        if (local != null && local.generation().equals(generation)) {
            hits.increment();
            return new Lookup(key, generation, local.body());
        }
        misses.increment();
        return new Lookup(key, generation, null);
    }

    /** Stores a looked-up search's answer under the generation it was looked up with. */
    void put(Lookup lookup, byte[] body) {
        if (lookup.generation() == null) {
            return;
        }
        byte[] prefix = (lookup.generation() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] entry = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, entry, 0, prefix.length);
        System.arraycopy(body, 0, entry, prefix.length, body.length);
        try {
            redis.execute((RedisCallback<Boolean>) c -> c.stringCommands().set(bytes(lookup.redisKey()), entry,
                    Expiration.from(properties.searchCacheTtl()), RedisStringCommands.SetOption.upsert()));
            remember(lookup.redisKey(), lookup.generation(), body);
        } catch (RuntimeException e) {
            errors.increment();
            log.warn("search cache unavailable, result not cached: {}", e.toString());
        }
    }

    private void remember(String key, String generation, byte[] body) {
        if (near.size() >= NEAR_MAX_ENTRIES) {
            near.clear();
        }
        near.put(key, new Near(generation, body, System.nanoTime() + nearTtlNanos));
    }

    /**
     * Invalidates every cached search, now and again after the current transaction commits (a search between the
     * two would otherwise cache the old state for five minutes).
     */
    public void invalidate() {
        bump();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    bump();
                }
            });
        }
    }

    private void bump() {
        try {
            redis.opsForValue().increment(GENERATION);
        } catch (RuntimeException e) {
            errors.increment();
            log.warn("search cache could not be invalidated (entries expire within {}): {}", properties.searchCacheTtl(),
                    e.toString());
        }
        near.clear();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
