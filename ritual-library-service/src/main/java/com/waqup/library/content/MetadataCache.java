package com.waqup.library.content;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.waqup.library.config.LibraryProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's read cache: an item's metadata as JSON under {@code ritual:{id}:metadata} for {@code metadata-ttl}
 * (1 h). Only the metadata: the signed audio URL is made per request, and the play counters are not in it (so a
 * play does not evict it). Every change evicts the key now and again after its transaction commits (a reader
 * between the two cannot leave the old state behind). Hits and misses are counted in {@code waqup.cache.requests}
 * ({@code result=hit|miss}); Redis being down degrades to the database (counted as {@code result=error}).
 */
@Component
class MetadataCache {

    private static final Logger log = LoggerFactory.getLogger(MetadataCache.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final LibraryProperties properties;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;

    MetadataCache(StringRedisTemplate redis, JsonMapper json, LibraryProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
        this.hits = Counter.builder("waqup.cache.requests").tag("cache", "metadata").tag("result", "hit")
                .description("Item metadata reads served from Redis").register(meters);
        this.misses = Counter.builder("waqup.cache.requests").tag("cache", "metadata").tag("result", "miss")
                .description("Item metadata reads that went to PostgreSQL").register(meters);
        this.errors = Counter.builder("waqup.cache.requests").tag("cache", "metadata").tag("result", "error")
                .description("Item metadata reads or writes that Redis could not serve").register(meters);
    }

    static String key(UUID id) {
        return "ritual:" + id + ":metadata";
    }

    Optional<ContentMetadata> get(UUID id) {
        String cached;
        try {
            cached = redis.opsForValue().get(key(id));
        } catch (RuntimeException e) {
            errors.increment();
            log.warn("metadata cache unavailable, reading the database: {}", e.toString());
            return Optional.empty();
        }
        if (cached == null) {
            misses.increment();
            return Optional.empty();
        }
        try {
            ContentMetadata metadata = json.readValue(cached, ContentMetadata.class);
            hits.increment();
            return Optional.of(metadata);
        } catch (RuntimeException unreadable) {
            // written by another version of the service: read the database and replace it
            misses.increment();
            log.warn("unreadable metadata cache entry for {}, replacing it: {}", id, unreadable.toString());
            delete(List.of(key(id)));
            return Optional.empty();
        }
    }

    void put(ContentMetadata metadata) {
        try {
            redis.opsForValue().set(key(metadata.id()), json.writeValueAsString(metadata), properties.metadataTtl());
        } catch (RuntimeException e) {
            errors.increment();
            log.warn("metadata cache unavailable, not caching {}: {}", metadata.id(), e.toString());
        }
    }

    /** Evicts now and, inside a transaction, once more right after it commits. */
    void evict(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> keys = ids.stream().map(MetadataCache::key).toList();
        delete(keys);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delete(keys);
                }
            });
        }
    }

    void evict(UUID id) {
        evict(List.of(id));
    }

    private void delete(List<String> keys) {
        try {
            redis.delete(keys);
        } catch (RuntimeException e) {
            // the entry dies with its TTL at the latest; logged so that an operator sees stale reads are possible
            errors.increment();
            log.warn("could not evict {} metadata entr(ies) from Redis: {}", keys.size(), e.toString());
        }
    }
}
