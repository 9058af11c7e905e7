package com.waqup.library.content;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.InvalidEventException;
import com.waqup.common.inbox.Inbox;
import com.waqup.library.storage.StorageCleanup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Puts a finished item into its owner's library ({@code content.ready} from content-generation, docs/events.md) on
 * the queue {@value #QUEUE} (+ DLQ). Idempotent by {@code event_id} ({@code Inbox.handleOnce}) and by version: a
 * known item with a higher version gets that version added and made current, and the older versions' audio is
 * deleted from S3 after the commit (through {@code storage_cleanup}, retried until S3 confirms); until then the
 * previous version stays the playable one. An equal or lower version changes nothing. A malformed event is an {@code InvalidEventException}: straight to the dead-letter queue (retrying cannot
 * fix it).
 */
@Configuration(proxyBeanMethods = false)
class ContentReadyConsumer {

    static final String QUEUE = "ritual-library.content-ready";
    static final String PERSONALIZATION_PREFIX = "personalize:";
    private static final Logger log = LoggerFactory.getLogger(ContentReadyConsumer.class);

    /** Only what the library reads of content-generation's event. */
    record ContentReady(UUID contentId, UUID userId, String sessionId, Integer version, String contentType, String title,
            String contentText, JsonNode structure, JsonNode context, List<String> tags, String depth, Voice voice,
            String audioKey, String audioFormat, Integer audioDuration, Long audioSizeBytes, Instant createdAt) {

        static final String TYPE = "content.ready";

        record Voice(String id, String name) {
        }
    }

    @Bean
    static Declarables contentReadyQueue() {
        return ConsumerQueue.declare(QUEUE, ContentReady.TYPE);
    }

    @Bean
    Listener contentReadyListener(Inbox inbox, ContentRepository items, MetadataCache cache, Clock clock,
            ErasedPeople erased, StorageCleanup cleanup) {
        return new Listener(inbox, items, cache, clock, erased, cleanup);
    }

    static class Listener {

        private final Inbox inbox;
        private final ContentRepository items;
        private final MetadataCache cache;
        private final Clock clock;
        private final ErasedPeople erased;
        private final StorageCleanup cleanup;

        Listener(Inbox inbox, ContentRepository items, MetadataCache cache, Clock clock,
                ErasedPeople erased, StorageCleanup cleanup) {
            this.erased = erased;
            this.cleanup = cleanup;
            this.inbox = inbox;
            this.items = items;
            this.cache = cache;
            this.clock = clock;
        }

        @RabbitListener(queues = QUEUE)
        @Transactional
        public void on(EventEnvelope<ContentReady> event) {
            ContentMetadata incoming = validate(event);
            inbox.handleOnce(event, data -> add(event, incoming));
        }

        private void add(EventEnvelope<ContentReady> event, ContentMetadata incoming) {
            if (erased.contains(incoming.userId())) {
                log.info("content.ready {}: the owner was erased; nothing added", event.eventId());
                return;
            }
            Instant now = clock.instant();
            ContentRepository.Version version = new ContentRepository.Version(incoming.version(), incoming.audioKey(),
                    incoming.duration(), incoming.audioFormat(), incoming.audioSizeBytes(), now);
            if (items.insert(incoming, now)) {
                items.insertVersion(incoming.id(), version);
                if (items.linkPersonalization(incoming.id(), incoming.userId(), personalizationId(event.data()), now)) {
                    log.info("content item {} is a personalization of a pack item", incoming.id());
                }
                cache.evict(incoming.id());
                log.info("content item {} (v{}) added to the library of {}", incoming.id(), incoming.version(), incoming.userId());
                return;
            }
            Optional<ContentRepository.Row> existing = items.lock(incoming.id());
            if (existing.isEmpty()) {
                throw new IllegalStateException("content item " + incoming.id() + " vanished while adding a version"); // retried
            }
            ContentRepository.Row row = existing.get();
            if (!row.metadata().ownedBy(incoming.userId())) {
                log.error("content.ready {} names item {} of another person; ignored", event.eventId(), incoming.id());
                return;
            }
            if (incoming.version() <= row.metadata().version()) {
                log.info("content.ready {}: item {} v{} is not newer than v{}; ignored", event.eventId(), incoming.id(),
                        incoming.version(), row.metadata().version());
                return;
            }
            items.insertVersion(incoming.id(), version);
            items.applyVersion(incoming, row.editedAt() != null, now);
            cache.evict(incoming.id());
            // the new version is current (and playable) once this commits: only then is the old audio deleted
            List<String> replaced = items.removeVersionsBefore(incoming.id(), incoming.version(), incoming.audioKey());
            if (!row.metadata().audioKey().equals(incoming.audioKey()) && !replaced.contains(row.metadata().audioKey())) {
                replaced = Stream.concat(replaced.stream(), Stream.of(row.metadata().audioKey()))
                        .toList();
            }
            if (!row.metadata().fromPack() && !replaced.isEmpty()) {
                cleanup.deleteAfterCommit(replaced.stream().map(StorageCleanup.Target::object).toList(),
                        "content item " + incoming.id() + " replaced by v" + incoming.version());
            }
            log.info("content item {} now at v{} ({} older audio object(s) to delete)", incoming.id(), incoming.version(),
                    replaced.size());
        }

        /** A personalization's job carries {@code personalize:{personalization_id}} as its session id. */
        private static UUID personalizationId(ContentReady d) {
            if (d.sessionId() == null || !d.sessionId().startsWith(PERSONALIZATION_PREFIX)) {
                return null;
            }
            try {
                return UUID.fromString(d.sessionId().substring(PERSONALIZATION_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private ContentMetadata validate(EventEnvelope<ContentReady> event) {
            ContentReady d = event.data();
            String problem = d == null ? "no data"
                    : d.contentId() == null ? "no content_id"
                    : d.userId() == null ? "no user_id"
                    : d.version() == null || d.version() < 1 ? "no valid version"
                    : d.contentType() == null || !ContentRules.CONTENT_TYPES.contains(d.contentType()) ? "unknown content_type"
                    : d.audioKey() == null || d.audioKey().isBlank() ? "no audio_key"
                    : d.depth() != null && !ContentRules.DEPTHS.contains(d.depth()) ? "unknown depth"
                    : d.audioDuration() != null && d.audioDuration() < 0 ? "negative audio_duration" : null;
            if (problem != null) {
                log.error("content.ready {} rejected to the dead-letter queue: {}", event.eventId(), problem);
                throw new InvalidEventException("invalid content.ready " + event.eventId() + ": " + problem);
            }
            String title = d.title() == null || d.title().isBlank() ? "Untitled " + d.contentType().replace('_', ' ')
                    : d.title().strip();
            if (title.length() > ContentRules.TITLE_MAX) {
                title = title.substring(0, ContentRules.TITLE_MAX);
            }
            Instant created = d.createdAt() != null ? d.createdAt() : event.occurredAt();
            return new ContentMetadata(d.contentId(), d.userId(), d.contentType(), title,
                    d.contentText() == null ? "" : d.contentText(), d.depth(),
                    d.audioDuration() == null ? 0 : d.audioDuration(), ContentRules.generatedTags(d.tags()),
                    d.voice() == null ? null : new ContentMetadata.Voice(d.voice().id(), d.voice().name()), d.audioKey(),
                    d.audioFormat() == null || d.audioFormat().isBlank() ? "mp3" : d.audioFormat(), d.audioSizeBytes(),
                    d.version(), null, false, created, created, d.structure(), d.context(), ContentMetadata.OWN, null);
        }
    }
}
