package com.waqup.reward.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code reward.earned}: tokens a creator earned (positive) or lost to a refund (negative), with what caused it
 * (docs/events.md). Payouts move no earnings and publish nothing.
 */
public record TokenEarned(UUID entryId, UUID creatorId, UUID packId, String source, long tokens, UUID paymentId,
        UUID sourceEventId, String sourceEventType, Instant occurredAt) {

    public static final String TYPE = "reward.earned";
}
