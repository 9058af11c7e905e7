package com.waqup.user.privacy;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.inbox.Inbox;
import com.waqup.common.privacy.UserDeleted;

/** Hears every service's {@code user.deleted.{service}} confirmation (queue {@value #QUEUE}). */
@Configuration(proxyBeanMethods = false)
class DeletionConfirmations {

    static final String QUEUE = "user.deletion-confirmations";

    @Bean
    Declarables deletionConfirmationsQueue() {
        return ConsumerQueue.declare(QUEUE, UserDeleted.ANY_TYPE);
    }

    @Bean
    Listener deletionConfirmationsListener(Inbox inbox, AccountErasure erasure) {
        return new Listener(inbox, erasure);
    }

    static class Listener {

        private final Inbox inbox;
        private final AccountErasure erasure;

        Listener(Inbox inbox, AccountErasure erasure) {
            this.inbox = inbox;
            this.erasure = erasure;
        }

        @RabbitListener(queues = QUEUE)
        @Transactional
        public void on(EventEnvelope<UserDeleted> event) {
            inbox.handleOnce(event, erasure::confirmed);
        }
    }
}
