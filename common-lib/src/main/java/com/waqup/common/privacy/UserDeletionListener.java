package com.waqup.common.privacy;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.transaction.support.TransactionTemplate;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.inbox.Inbox;
import com.waqup.common.outbox.IntegrationEvents;

/**
 * Erases a person when user-service asks ({@code user.deletion_requested}) and confirms with
 * {@code user.deleted.{service}}: the inbox entry, the erasure and the confirmation commit together, so a
 * redelivered request erases nothing twice and a failed erasure is retried (then parked in the DLQ, never lost).
 */
public class UserDeletionListener {

    private static final Logger log = LoggerFactory.getLogger(UserDeletionListener.class);

    private final PersonalData personalData;
    private final Inbox inbox;
    private final IntegrationEvents events;
    private final TransactionTemplate tx;
    private final String service;

    public UserDeletionListener(PersonalData personalData, Inbox inbox, IntegrationEvents events, TransactionTemplate tx,
            String service) {
        this.personalData = personalData;
        this.inbox = inbox;
        this.events = events;
        this.tx = tx;
        this.service = service;
    }

    @RabbitListener(queues = "#{@userDeletionQueueName}")
    public void on(EventEnvelope<UserDeletionRequested> event) {
        tx.executeWithoutResult(status -> inbox.handleOnce(event, requested -> {
            PersonalData.Erasure erased = personalData.erase(requested.userId());
            events.publish(UserDeleted.type(service), new UserDeleted(requested.userId(), service, Instant.now(),
                    erased.rowsDeleted(), erased.objectsDeleted()));
            log.info("user.deletion_requested {}: erased {} rows and {} objects", event.eventId(), erased.rowsDeleted(),
                    erased.objectsDeleted());
        }));
    }
}
