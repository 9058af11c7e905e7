package com.waqup.catalog.pack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
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
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The seed's search cache: a search's whole answer (the JSON body of its result page, as sent) under
 * {@code search:{hash}} for {@code search-cache-ttl} (5 min), and the same bytes in a small in-process near cache, so a
 * repeated search costs one Redis read (the generation) and no PostgreSQL, Elasticsearch or JSON work. Every change
 * to what a page shows — a pack published, updated or archived, a review's rating, a rebuilt index — invalidates
 * every cached search at once by bumping {@code search:generation}, which is part of every hash (old keys expire on
 * their own; near-cache entries under an old generation are never looked up again), so a cached page is never older
 * than the last change. The generation is read from Redis on every search: an instance sees another's change at its
 * next search. Redis being down degrades to searching every time, and the near cache is not used then (it could not
 * see invalidations).
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

    /** The key of a search under the current generation; {@code shared} false when Redis could not be read. */
    record Key(String redisKey, boolean shared) {
    }

    private record Near(byte[] body, long expiresAtNanos) {
    }

    /** The key of a search: {@code search:} and the SHA-256 of the generation and the canonical criteria. */
    Key key(String canonicalCriteria) {
        String generation = generation();
        return new Key("search:" + sha256((generation == null ? "unavailable" : generation) + "|" + canonicalCriteria),
                generation != null);
    }

    /** The cached answer (JSON bytes) of a search, or null. */
    byte[] get(Key key) {
        if (!key.shared()) {
            misses.increment();
            return null;
        }
        Near local = near.get(key.redisKey());
        if (local != null && local.expiresAtNanos() - System.nanoTime() > 0) {
            hits.increment();
            return local.body();
        }
        try {
            byte[] cached = redis.execute((RedisCallback<byte[]>) c -> c.stringCommands().get(bytes(key.redisKey())));
            if (cached == null) {
                misses.increment();
                return null;
            }
            hits.increment();
            remember(key, cached);
            return cached;
        } catch (RuntimeException e) {
            errors.increment();
            log.warn("search cache unavailable, searching Elasticsearch: {}", e.toString());
            return null;
        }
    }

    void put(Key key, byte[] body) {
        if (!key.shared()) {
            return;
        }
        try {
            redis.execute((RedisCallback<Boolean>) c -> c.stringCommands().set(bytes(key.redisKey()), body,
                    Expiration.from(properties.searchCacheTtl()), RedisStringCommands.SetOption.upsert()));
            remember(key, body);
        } catch (RuntimeException e) {
            errors.increment();
            log.warn("search cache unavailable, result not cached: {}", e.toString());
        }
    }

    private void remember(Key key, byte[] body) {
        if (near.size() >= NEAR_MAX_ENTRIES) {
            near.clear();
        }
        near.put(key.redisKey(), new Near(body, System.nanoTime() + nearTtlNanos));
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

    /** The current generation ("0" before the first change), or null when Redis cannot be read. */
    private String generation() {
        try {
            String generation = redis.opsForValue().get(GENERATION);
            return generation == null ? "0" : generation;
        } catch (RuntimeException e) {
            errors.increment();
            return null;
        }
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
