package com.waqup.library.storage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Deletes audio from S3 only after the rows that referenced it are gone, and never forgets one: the deletion is
 * written to {@code storage_cleanup} in the same transaction as the row deletion (an outbox for S3), tried right
 * after commit, and retried by a scheduled job with backoff until S3 confirms. A failure is logged at WARN with
 * the attempt count, and the pending rows are visible in the table (and the {@code library.storage.pending} gauge
 * could be added there).
 */
public class StorageCleanup {

    private static final Logger log = LoggerFactory.getLogger(StorageCleanup.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final JdbcTemplate jdbc;
    private final AudioStorage storage;
    private final Clock clock;

    public StorageCleanup(JdbcTemplate jdbc, AudioStorage storage, Clock clock) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.clock = clock;
    }

    public record Target(String kind, String key) {

        public static Target object(String key) {
            return new Target("object", key);
        }

        public static Target prefix(String prefix) {
            return new Target("prefix", prefix);
        }
    }

    /** Records the deletions in the caller's transaction and tries them right after it commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void deleteAfterCommit(Collection<Target> targets, String reason) {
        List<Long> ids = new ArrayList<>();
        Timestamp now = Timestamp.from(clock.instant());
        for (Target target : targets) {
            ids.add(jdbc.queryForObject("insert into storage_cleanup (kind, object_key, reason, created_at, next_attempt_at)"
                    + " values (?, ?, ?, ?, ?) returning id", Long.class, target.kind(), target.key(), reason, now, now));
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                ids.forEach(StorageCleanup.this::attempt);
            }
        });
    }

    /** Retries what is due; with several instances each row is claimed by one of them. */
    @Scheduled(fixedDelayString = "${waqup.library.cleanup-interval:1m}", initialDelayString = "${waqup.library.cleanup-interval:1m}")
    public int retryDue() {
        List<Long> due = jdbc.queryForList("select id from storage_cleanup where next_attempt_at <= ? order by id limit 100",
                Long.class, Timestamp.from(clock.instant()));
        int done = 0;
        for (Long id : due) {
            if (attempt(id)) {
                done++;
            }
        }
        return done;
    }

    /** One try of one pending deletion; {@code true} when S3 confirmed it and the row is gone. */
    public boolean attempt(long id) {
        Instant now = clock.instant();
        // claim: push the next attempt out so another instance (or the scheduler) does not run it meanwhile
        var rows = jdbc.queryForList("update storage_cleanup set next_attempt_at = ? where id = ? and next_attempt_at <= ?"
                + " returning kind, object_key, attempts", Timestamp.from(now.plus(Duration.ofMinutes(5))), id, Timestamp.from(now));
        if (rows.isEmpty()) {
            return false;
        }
        String kind = (String) rows.getFirst().get("kind");
        String key = (String) rows.getFirst().get("object_key");
        int attempts = ((Number) rows.getFirst().get("attempts")).intValue() + 1;
        try {
            if ("prefix".equals(kind)) {
                storage.deletePrefix(key);
            } else {
                storage.deleteObject(key);
            }
            jdbc.update("delete from storage_cleanup where id = ?", id);
            return true;
        } catch (RuntimeException e) {
            Duration backoff = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 30L << Math.min(attempts, 16)));
            String error = e.getClass().getSimpleName();
            jdbc.update("update storage_cleanup set attempts = ?, last_error = ?, next_attempt_at = ? where id = ?",
                    attempts, error, Timestamp.from(clock.instant().plus(backoff)), id);
            log.warn("S3 deletion of {} {} failed (attempt {}), retry in {}: {}", kind, key, attempts, backoff, e.toString());
            return false;
        }
    }
}
