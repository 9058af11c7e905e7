package com.waqup.common.outbox;

import com.waqup.common.events.EventEnvelope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way a service publishes an integration event: inside the transaction that changes its state.
 * The event is stored in the service's outbox ({@code event_publication}) in that same transaction and
 * relayed to RabbitMQ after commit by {@link OutboxRelay}; if the relay fails, it stays in the outbox and is
 * resubmitted, so an event is never lost and never sent for a rolled-back change.
 */
public class IntegrationEvents {

    private final ApplicationEventPublisher publisher;

    public IntegrationEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Publishes {@code data} as an event of {@code type} (also its routing key); returns the envelope. */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> EventEnvelope<T> publish(String type, T data) {
        EventEnvelope<T> envelope = EventEnvelope.of(type, data);
        publisher.publishEvent(envelope);
        return envelope;
    }
}
