package com.waqup.library.generation;

import java.util.UUID;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.InvalidEventException;
import com.waqup.common.inbox.Inbox;
import com.waqup.library.personalize.PersonalizeService;
import com.waqup.library.revoice.RevoiceService;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * content-generation's {@code generation.failed} on the queue {@value #QUEUE} (+ DLQ), handled once per
 * {@code event_id} (the inbox), for the library's two kinds of job (any credits were released by content-generation):
 * <ul>
 * <li>a job that re-voiced an existing item (job id ≠ content id) ends that re-voice: the item keeps its current
 * version and the edited script is pending again (only a running re-voice fails);</li>
 * <li>a job that created an item (job id = content id) ends the personalization that asked for it, if one did (a repeat
 * of the same request then starts a new one); a conversation's creation names no personalization and changes
 * nothing.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class GenerationFailedConsumer {

    static final String QUEUE = "ritual-library.generation-failed";

    /** Only what the library reads of the event. */
    record GenerationFailed(UUID jobId, UUID contentId, UUID userId, String code, String reason) {

        static final String TYPE = "generation.failed";

        String why() {
            return reason == null ? code : reason;
        }

        boolean creation() {
            return jobId.equals(contentId);
        }
    }

    @Bean
    static Declarables generationFailedQueue() {
        return ConsumerQueue.declare(QUEUE, GenerationFailed.TYPE);
    }

    @Bean
    Listener generationFailedListener(Inbox inbox, RevoiceService revoices, PersonalizeService personalizations) {
        return new Listener(inbox, revoices, personalizations);
    }

    static class Listener {

        private final Inbox inbox;
        private final RevoiceService revoices;
        private final PersonalizeService personalizations;

        Listener(Inbox inbox, RevoiceService revoices, PersonalizeService personalizations) {
            this.inbox = inbox;
            this.revoices = revoices;
            this.personalizations = personalizations;
        }

        @RabbitListener(queues = QUEUE)
        @Transactional
        public void on(EventEnvelope<GenerationFailed> event) {
            GenerationFailed data = event.data();
            if (data == null || data.jobId() == null || data.contentId() == null || (data.creation() && data.userId() == null)) {
                throw new InvalidEventException("invalid generation.failed " + event.eventId() + ": no job_id, content_id or user_id");
            }
            inbox.handleOnce(event, d -> {
                if (d.creation()) {
                    personalizations.failed(d.contentId(), d.userId(), d.why());
                } else {
                    revoices.jobFailed(d.contentId(), d.jobId(), d.why());
                }
            });
        }
    }
}
