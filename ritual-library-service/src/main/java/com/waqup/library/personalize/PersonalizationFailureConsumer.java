package com.waqup.library.personalize;

import java.util.UUID;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.InvalidEventException;
import com.waqup.common.inbox.Inbox;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * content-generation's {@code generation.failed} on the queue {@value #QUEUE} (+ DLQ): a personalization whose new
 * item failed no longer runs (a repeat of the same request then starts a new one; its credits were released by
 * content-generation). A re-voice's failure (job id ≠ content id) is left to the revoice capability before the inbox
 * records anything (the inbox is per event, shared by the service's consumers); a conversation's creation names no
 * personalization and changes nothing. Idempotent by {@code event_id}, and by state (only a running one fails).
 */
@Configuration(proxyBeanMethods = false)
class PersonalizationFailureConsumer {

    static final String QUEUE = "ritual-library.personalization-failed";

    /** Only what this reads of the event. */
    record GenerationFailed(UUID jobId, UUID contentId, UUID userId, String code, String reason) {

        static final String TYPE = "generation.failed";
    }

    @Bean
    static Declarables personalizationFailedQueue() {
        return ConsumerQueue.declare(QUEUE, GenerationFailed.TYPE);
    }

    @Bean
    Listener personalizationFailedListener(Inbox inbox, PersonalizeService service) {
        return new Listener(inbox, service);
    }

    static class Listener {

        private final Inbox inbox;
        private final PersonalizeService service;

        Listener(Inbox inbox, PersonalizeService service) {
            this.inbox = inbox;
            this.service = service;
        }

        @RabbitListener(queues = QUEUE)
        @Transactional
        public void on(EventEnvelope<GenerationFailed> event) {
            GenerationFailed data = event.data();
            if (data == null || data.contentId() == null || data.userId() == null) {
                throw new InvalidEventException("invalid generation.failed " + event.eventId() + ": no content_id or user_id");
            }
            if (data.jobId() != null && !data.jobId().equals(data.contentId())) {
                return; // a re-voice (the revoice capability's, recorded in the inbox there)
            }
            inbox.handleOnce(event, d -> service.failed(d.contentId(), d.userId(), d.reason() == null ? d.code() : d.reason()));
        }
    }
}
