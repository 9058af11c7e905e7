package com.waqup.payment.checkout;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code subscription.ended} (docs/events.md): no further renewals; access lasts until {@code access_until}.
 * {@code reason}: {@code canceled}, {@code payment_failed} or {@code refunded}.
 */
public record SubscriptionEnded(UUID subscriptionId, UUID userId, UUID packId, UUID creatorId, Instant accessUntil,
        String reason, String provider, String providerReference, Instant endedAt) {

    public static final String TYPE = "subscription.ended";
}
