package com.waqup.payment.checkout;

import java.time.Instant;
import java.util.UUID;

/** {@code subscription.renewed} (docs/events.md): a paid renewal; access extends to {@code period_end}. */
public record SubscriptionRenewed(UUID subscriptionId, UUID paymentId, UUID userId, UUID packId, UUID creatorId,
        long amountMinor, String currency, Instant periodStart, Instant periodEnd, String provider,
        String providerReference, Instant occurredAt) {

    public static final String TYPE = "subscription.renewed";
}
