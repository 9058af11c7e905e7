package com.waqup.credit.onboarding;

import java.time.Instant;
import java.util.UUID;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.inbox.Inbox;
import com.waqup.credit.ledger.LedgerService;
import jakarta.validation.constraints.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grants the free-tier credit when user-service reports a registration ({@code user.registered}), on its own
 * queue {@value #QUEUE} with a dead-letter queue. Idempotent twice over: by {@code event_id} (inbox) and by
 * person (the account remembers the grant), so a redelivered or repeated event never grants twice.
 */
@Configuration(proxyBeanMethods = false)
class FreeTierOnRegistration {

    static final String QUEUE = "credit.user-registered";
    private static final Logger log = LoggerFactory.getLogger(FreeTierOnRegistration.class);

    /** Only what this consumer reads of user-service's event. */
    record UserRegistered(@NotNull UUID userId, Instant registeredAt) {

        static final String TYPE = "user.registered";
    }

    @Bean
    static Declarables userRegisteredQueue() {
        return ConsumerQueue.declare(QUEUE, UserRegistered.TYPE);
    }

    @Bean
    Listener freeTierListener(Inbox inbox, LedgerService ledger) {
        return new Listener(inbox, ledger);
    }

    static class Listener {

        private final Inbox inbox;
        private final LedgerService ledger;

        Listener(Inbox inbox, LedgerService ledger) {
            this.inbox = inbox;
            this.ledger = ledger;
        }

        @RabbitListener(queues = QUEUE)
        @Transactional
        public void on(EventEnvelope<UserRegistered> event) {
            inbox.handleOnce(event, registered -> {
                boolean granted = ledger.grantFreeTier(registered.userId());
                log.info("user.registered {}: free tier {}", event.eventId(), granted ? "granted" : "already given");
            });
        }
    }
}
