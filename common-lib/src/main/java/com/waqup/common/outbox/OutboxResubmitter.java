package com.waqup.common.outbox;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Retries outbox entries whose relay did not complete (broker down, no confirm). With several instances
 * an event may be sent twice; consumers are idempotent by {@code event_id}, so that is harmless.
 */
public class OutboxResubmitter {

    private static final Logger log = LoggerFactory.getLogger(OutboxResubmitter.class);
    private final IncompleteEventPublications incomplete;
    private final Duration olderThan;

    public OutboxResubmitter(IncompleteEventPublications incomplete, Duration olderThan) {
        this.incomplete = incomplete;
        this.olderThan = olderThan;
    }

    @Scheduled(fixedDelayString = "${waqup.outbox.resubmit-interval:30s}", initialDelayString = "${waqup.outbox.resubmit-interval:30s}")
    public void resubmit() {
        try {
            incomplete.resubmitIncompletePublicationsOlderThan(olderThan);
        } catch (RuntimeException e) {
            log.warn("outbox resubmission failed, next try later: {}", e.toString());
        }
    }
}
