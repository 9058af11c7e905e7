package com.waqup.payment.checkout;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code payment.refunded} (payment → ritual-library, credit, reward, creator; docs/events.md): one refund of a
 * payment, idempotent by {@code refund_id}; {@code refunded_minor} is this refund's amount.
 */
public record PaymentRefunded(UUID paymentId, UUID refundId, UUID userId, String kind, UUID packId, UUID creatorId,
        String creditPack, Integer credits, UUID subscriptionId, long amountMinor, long refundedMinor, String currency,
        String provider, String providerReference, Instant refundedAt) {

    public static final String TYPE = "payment.refunded";
}
