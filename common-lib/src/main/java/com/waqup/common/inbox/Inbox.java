package com.waqup.common.inbox;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The idempotent-consumer record: every service's schema has {@code processed_event}. Call
 * {@link #firstSeen} inside the transaction that applies the event; a redelivered event (same
 * {@code event_id}) is then skipped, and if the transaction rolls back the event counts as unseen.
 */
public class Inbox {

    private final JdbcTemplate jdbc;

    public Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the event; {@code true} the first time, {@code false} for a duplicate. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstSeen(UUID eventId, String eventType) {
        return jdbc.update("insert into processed_event (event_id, event_type) values (?, ?) on conflict do nothing",
                eventId, eventType) == 1;
    }
}
