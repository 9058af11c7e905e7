package com.waqup.library.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.inbox.Inbox;
import com.waqup.common.outbox.IntegrationEvents;
import com.waqup.library.content.ContentService;
import com.waqup.library.storage.AudioStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a person ({@code user.deletion_requested}, queue {@value #QUEUE} + DLQ, inbox by {@code event_id}): every row
 * of theirs in every table of the schema, every S3 object under {@code audio/{user_id}/} (and any version key stored
 * elsewhere), the outbox entries that mention them, and their cached metadata; then confirms with
 * {@code user.deleted.ritual-library} through the outbox, in the same transaction. The S3 deletions run inside that
 * transaction: if S3 fails, nothing is committed (nor confirmed) and the message is retried, then dead-lettered,
 * so the confirmation is only ever sent for a complete erasure. The one place that reads every table of the schema.
 */
@Configuration(proxyBeanMethods = false)
class UserErasure {

    static final String QUEUE = "ritual-library.user-deletion";
    private static final Logger log = LoggerFactory.getLogger(UserErasure.class);

    record DeletionRequested(UUID userId, Instant requestedAt) {
    }

    @Bean
    static Declarables userDeletionQueue() {
        return ConsumerQueue.declare(QUEUE, "user.deletion_requested");
    }

    @Bean
    Listener userErasureListener(Inbox inbox, NamedParameterJdbcTemplate jdbc, AudioStorage audio, ContentService content,
            IntegrationEvents events, Clock clock) {
        return new Listener(inbox, jdbc, audio, content, events, clock);
    }

    static class Listener {

        private final Inbox inbox;
        private final NamedParameterJdbcTemplate jdbc;
        private final AudioStorage audio;
        private final ContentService content;
        private final IntegrationEvents events;
        private final Clock clock;

        Listener(Inbox inbox, NamedParameterJdbcTemplate jdbc, AudioStorage audio, ContentService content,
                IntegrationEvents events, Clock clock) {
            this.inbox = inbox;
            this.jdbc = jdbc;
            this.audio = audio;
            this.content = content;
            this.events = events;
            this.clock = clock;
        }

        @RabbitListener(queues = QUEUE)
        @Transactional
        public void on(EventEnvelope<DeletionRequested> event) {
            if (event.data() == null || event.data().userId() == null) {
                throw new AmqpRejectAndDontRequeueException("user.deletion_requested without user_id: " + event.eventId());
            }
            if (!inbox.firstSeen(event.eventId(), event.type())) {
                return;
            }
            UUID user = event.data().userId();
            Map<String, Object> p = Map.of("user", user, "pattern", "%" + user + "%",
                    "prefix", ContentService.userPrefix(user) + "%");
            List<UUID> itemIds = jdbc.queryForList("select id from content_item where user_id = :user", p, UUID.class);
            String prefix = ContentService.userPrefix(user);
            List<String> strayKeys = jdbc.queryForList("select v.audio_key from content_item_version v join content_item i"
                    + " on i.id = v.content_item_id where i.user_id = :user and v.audio_key not like :prefix"
                    + " union select audio_key from content_item where user_id = :user and audio_key not like :prefix", p, String.class);

            long rows = 0;
            rows += jdbc.update("delete from share_link where user_id = :user", p);
            rows += jdbc.update("delete from practice_event where user_id = :user", p);
            rows += jdbc.update("delete from content_item_version v using content_item i"
                    + " where i.id = v.content_item_id and i.user_id = :user", p);
            rows += jdbc.update("delete from content_item where user_id = :user", p);
            rows += jdbc.update("delete from folder where user_id = :user", p);
            rows += jdbc.update("delete from storage_cleanup where object_key like :prefix", p);
            // events about the person still waiting in the outbox (completed ones are deleted on completion)
            rows += jdbc.update("delete from event_publication where serialized_event like :pattern", p);

            long objects = audio.deletePrefix(prefix);
            for (String key : strayKeys) {
                audio.deleteObject(key);
                objects++;
            }
            content.evict(itemIds);
            Instant now = clock.instant();
            events.publish(UserDeletedRitualLibrary.TYPE, new UserDeletedRitualLibrary(user,
                    UserDeletedRitualLibrary.SERVICE, now, rows, objects));
            log.info("user {} erased: {} row(s), {} audio object(s)", user, rows, objects);
        }
    }
}
