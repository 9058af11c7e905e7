package com.waqup.library.practice;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code practice.completed} (ritual-library → user, catalog, reward, creator; docs/events.md): a finished practice
 * session. {@code duration} in seconds; {@code pack_id} names the pack the item came from (null for the person's own items).
 */
public record PracticeCompleted(UUID practiceEventId, UUID userId, UUID ritualId, String contentType, Instant startedAt,
        Instant completedAt, int duration, UUID packId) {

    public static final String TYPE = "practice.completed";
}
