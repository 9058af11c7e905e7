package com.waqup.library.practice;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code practice.started} (ritual-library → creator; docs/events.md): a practice session of a pack's item began
 * (a play). Sent only for pack items, so a pack's creator can count plays; never for a person's own items.
 */
public record PracticeStarted(UUID practiceEventId, UUID userId, UUID ritualId, String contentType, Instant startedAt,
        UUID packId) {

    public static final String TYPE = "practice.started";
}
