package com.waqup.common.privacy;

import java.util.UUID;

/**
 * What a service holds about a person, for the account-level export and erasure that user-service orchestrates
 * (docs/privacy.md). A service that stores anything keyed by a user id implements this once; common-lib then
 * serves {@code GET /internal/users/{userId}/export} and consumes {@code user.deletion_requested}, confirming with
 * {@code user.deleted.{service}} through the outbox.
 */
public interface PersonalData {

    /** Everything this service holds about the person, as JSON-ready data (records, maps, lists). */
    Object export(UUID userId);

    /**
     * Deletes everything this service holds about the person. Runs inside the transaction that records the
     * deletion event as processed and publishes the confirmation; must be idempotent (a second call deletes
     * nothing and succeeds). Work outside the database (objects, cache keys) must be idempotent too: a failure
     * rolls the transaction back and the event is redelivered.
     */
    Erasure erase(UUID userId);

    /** What an erasure removed, reported in the confirmation. */
    record Erasure(long rowsDeleted, long objectsDeleted) {

        public static Erasure rows(long rows) {
            return new Erasure(rows, 0);
        }
    }
}
