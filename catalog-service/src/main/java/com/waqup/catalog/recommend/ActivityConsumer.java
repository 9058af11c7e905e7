package com.waqup.catalog.recommend;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.inbox.Inbox;
import jakarta.validation.constraints.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects what recommendations learn from: {@code content.ready} (a person's finished item: its intent and tags) and
 * {@code practice.completed} (what they practised, possibly from a pack), on the queues {@value #ITEMS_QUEUE} and
 * {@value #PRACTICE_QUEUE} (+ DLQ), idempotent by {@code event_id}.
 */
@Configuration(proxyBeanMethods = false)
class ActivityConsumer {

    static final String ITEMS_QUEUE = "catalog.content-ready";
    static final String PRACTICE_QUEUE = "catalog.practice-completed";
    private static final Logger log = LoggerFactory.getLogger(ActivityConsumer.class);

    /** Only what the catalog reads of content-generation's {@code content.ready}. */
    record ContentReady(@NotNull UUID contentId, @NotNull UUID userId, String contentType, String title,
            List<String> tags, Context context, Instant createdAt) {

        static final String TYPE = "content.ready";

        record Context(String intent) {
        }
    }

    /** Only what the catalog reads of ritual-library's {@code practice.completed}. */
    record PracticeCompleted(@NotNull UUID practiceEventId, @NotNull UUID userId, @NotNull UUID ritualId,
            String contentType, Instant completedAt, UUID packId) {

        static final String TYPE = "practice.completed";
    }

    @Bean
    static Declarables contentReadyQueue() {
        return ConsumerQueue.declare(ITEMS_QUEUE, ContentReady.TYPE);
    }

    @Bean
    static Declarables practiceCompletedQueue() {
        return ConsumerQueue.declare(PRACTICE_QUEUE, PracticeCompleted.TYPE);
    }

    @Bean
    Listener activityListener(Inbox inbox, ActivityRepository activity) {
        return new Listener(inbox, activity);
    }

    static class Listener {

        private final Inbox inbox;
        private final ActivityRepository activity;

        Listener(Inbox inbox, ActivityRepository activity) {
            this.inbox = inbox;
            this.activity = activity;
        }

        @RabbitListener(queues = ITEMS_QUEUE)
        @Transactional
        public void onContentReady(EventEnvelope<ContentReady> event) {
            inbox.handleOnce(event, d -> {
                activity.addItem(new ActivityRepository.Item(d.contentId(), d.userId(), d.contentType(), d.title(),
                        d.context() == null ? null : d.context().intent(), d.tags() == null ? List.of() : d.tags(),
                        d.createdAt() != null ? d.createdAt() : event.occurredAt()));
                log.debug("content.ready {}: item {} of {} projected", event.eventId(), d.contentId(), d.userId());
            });
        }

        @RabbitListener(queues = PRACTICE_QUEUE)
        @Transactional
        public void onPracticeCompleted(EventEnvelope<PracticeCompleted> event) {
            inbox.handleOnce(event, d -> {
                activity.addPractice(new ActivityRepository.Practice(d.practiceEventId(), d.userId(), d.ritualId(),
                        d.contentType(), d.packId(), d.completedAt() != null ? d.completedAt() : event.occurredAt()));
                log.debug("practice.completed {}: practice of {} projected", event.eventId(), d.userId());
            });
        }
    }
}
