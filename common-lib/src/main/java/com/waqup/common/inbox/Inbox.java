package com.waqup.common.inbox;

import java.util.UUID;
import java.util.function.Consumer;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.EventValidation;
import com.waqup.common.events.InvalidEventException;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The idempotent-consumer record: every service's schema has {@code processed_event}. A consumer applies an event
 * with {@link #handleOnce} inside the transaction that applies it: a redelivered event (same {@code event_id}) is
 * skipped, and if the transaction rolls back the event counts as unseen.
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final JdbcTemplate jdbc;
    private final Validator validator;

    public Inbox(JdbcTemplate jdbc, Validator validator) {
        this.jdbc = jdbc;
        this.validator = validator;
    }

    /**
     * Applies {@code event} once: its data is checked against the consumer record's constraints
     * ({@code @NotNull UUID userId}: an event without it is an {@link InvalidEventException}, a poison message for the
     * dead-letter queue), the event is recorded, and {@code handler} runs with the data, all in the caller's
     * transaction. A duplicate is logged and skipped.
     *
     * @return {@code true} when the handler ran, {@code false} for a duplicate
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> boolean handleOnce(EventEnvelope<T> event, Consumer<? super T> handler) {
        T data = EventValidation.valid(event, validator);
        if (!firstSeen(event.eventId(), event.type())) {
            log.info("{} {} seen before: skipped", event.type(), event.eventId());
            return false;
        }
        handler.accept(data);
        return true;
    }

    /** Records the event; {@code true} the first time, {@code false} for a duplicate. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstSeen(UUID eventId, String eventType) {
        return jdbc.update("insert into processed_event (event_id, event_type) values (?, ?) on conflict do nothing",
                eventId, eventType) == 1;
    }
}
