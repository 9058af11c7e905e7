package com.waqup.library.revoice;

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
 * content-generation's {@code generation.failed} on the queue {@value #QUEUE} (+ DLQ): a failed re-voice job ends
 * its re-voice (the item keeps its current version; any credits were released by content-generation) and gives the
 * edited script back as pending. A creation's failure (job id = content id) concerns no item of the library.
 * Idempotent by {@code event_id}, and by state (only a running re-voice fails).
 */
@Configuration(proxyBeanMethods = false)
class RevoiceFailureConsumer {

    static final String QUEUE = "ritual-library.generation-failed";

    /** Only what the library reads of the event. */
    record GenerationFailed(UUID jobId, UUID contentId, UUID userId, String code, String reason) {

        static final String TYPE = "generation.failed";
    }

    @Bean
    static Declarables generationFailedQueue() {
        return ConsumerQueue.declare(QUEUE, GenerationFailed.TYPE);
    }

    @Bean
    Listener generationFailedListener(Inbox inbox, RevoiceRepository revoices, RevoiceService service) {
        return new Listener(inbox, revoices, service);
    }

    static class Listener {

        private final Inbox inbox;
        private final RevoiceRepository revoices;
        private final RevoiceService service;

        Listener(Inbox inbox, RevoiceRepository revoices, RevoiceService service) {
            this.inbox = inbox;
            this.revoices = revoices;
            this.service = service;
        }

        @RabbitListener(queues = QUEUE)
        @Transactional
        public void on(EventEnvelope<GenerationFailed> event) {
            GenerationFailed data = event.data();
            if (data == null || data.jobId() == null || data.contentId() == null) {
                throw new InvalidEventException("invalid generation.failed " + event.eventId() + ": no job_id or content_id");
            }
            if (data.jobId().equals(data.contentId())) {
                return; // a creation: not in the library
            }
            inbox.handleOnce(event, d -> revoices.runningVersionOf(d.contentId(), d.jobId()).ifPresent(version ->
                    service.failed(d.contentId(), version, d.reason() == null ? d.code() : d.reason())));
        }
    }
}
