package com.waqup.payment.checkout;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import com.waqup.common.error.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe Checkout through stripe-java: mode {@code payment} for a one-time pack or credit pack, {@code subscription}
 * with the pack's interval for a subscription; the price inline ({@code price_data}, product name = the pack's
 * title), metadata {@code {user_id, pack_id | credit_pack, kind}} on the session (and the subscription), and an
 * idempotency key so a retried request never opens a second session.
 */
class StripeCheckoutProvider implements CheckoutProvider {

    private static final Logger log = LoggerFactory.getLogger(StripeCheckoutProvider.class);

    private final StripeClient stripe;

    StripeCheckoutProvider(StripeClient stripe) {
        this.stripe = stripe;
    }

    static SessionCreateParams params(SessionRequest r) {
        boolean subscription = r.interval() != null;
        SessionCreateParams.LineItem.PriceData.Builder price = SessionCreateParams.LineItem.PriceData.builder()
                .setCurrency(r.currency()).setUnitAmount(r.amountMinor())
                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName(r.title()).build());
        if (subscription) {
            price.setRecurring(SessionCreateParams.LineItem.PriceData.Recurring.builder()
                    .setInterval("year".equals(r.interval()) ? SessionCreateParams.LineItem.PriceData.Recurring.Interval.YEAR
                            : SessionCreateParams.LineItem.PriceData.Recurring.Interval.MONTH)
                    .build());
        }
        SessionCreateParams.Builder b = SessionCreateParams.builder()
                .setMode(subscription ? SessionCreateParams.Mode.SUBSCRIPTION : SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl(r.successUrl()).setCancelUrl(r.cancelUrl())
                .setClientReferenceId(r.userId().toString())
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L).setPriceData(price.build()).build())
                .putMetadata("user_id", r.userId().toString()).putMetadata("kind", r.kind());
        if (r.packId() != null) {
            b.putMetadata("pack_id", r.packId().toString());
        }
        if (r.creditPack() != null) {
            b.putMetadata("credit_pack", r.creditPack());
        }
        if (subscription) {
            SessionCreateParams.SubscriptionData.Builder data = SessionCreateParams.SubscriptionData.builder()
                    .putMetadata("user_id", r.userId().toString()).putMetadata("kind", r.kind());
            if (r.packId() != null) {
                data.putMetadata("pack_id", r.packId().toString());
            }
            b.setSubscriptionData(data.build());
        }
        return b.build();
    }

    @Override
    public ProviderSession create(SessionRequest r) {
        try {
            Session session = stripe.v1().checkout().sessions().create(params(r),
                    RequestOptions.builder().setIdempotencyKey(r.idempotencyKey()).build());
            return new ProviderSession(session.getId(), session.getUrl());
        } catch (StripeException e) {
            log.warn("Stripe refused a Checkout session ({}): {}", e.getStatusCode(), e.getMessage());
            throw DomainException.unavailable("PAYMENT_PROVIDER_UNAVAILABLE",
                    "The payment provider could not open a checkout; try again");
        }
    }
}
