package com.waqup.payment.checkout;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code payment.succeeded} (payment → ritual-library, credit, reward, creator; docs/events.md): money moved, or a
 * free pack was claimed. {@code kind} {@code pack} names the pack, its revision and creator; {@code credit_pack}
 * (with Stripe, to come) names the credit pack and its credits instead. Amounts are integer minor units of {@code currency};
 * {@code provider} is {@code none} for a free claim, {@code stripe} with the Checkout session as
 * {@code provider_reference} for a paid one. A subscription's first payment names the subscription and the end of
 * the paid period ({@code period_end}); both are null otherwise.
 */
public record PaymentSucceeded(UUID paymentId, UUID userId, String kind, UUID packId, Integer packRevision, UUID creatorId,
        String creditPack, Integer credits, String priceType, long amountMinor, String currency, String provider,
        String providerReference, Instant occurredAt, UUID subscriptionId, Instant periodEnd) {

    public static final String TYPE = "payment.succeeded";
}
