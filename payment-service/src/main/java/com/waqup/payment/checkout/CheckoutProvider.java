package com.waqup.payment.checkout;

import java.util.UUID;

/** Creates a Checkout session with the payment provider (Stripe, or the offline sandbox). */
interface CheckoutProvider {

    /** What the session sells; {@code interval} (month|year) only for a subscription. */
    record SessionRequest(String kind, UUID userId, UUID packId, String creditPack, String title, String interval,
            long amountMinor, String currency, String successUrl, String cancelUrl, String idempotencyKey) {
    }

    record ProviderSession(String id, String url) {
    }

    ProviderSession create(SessionRequest request);
}
