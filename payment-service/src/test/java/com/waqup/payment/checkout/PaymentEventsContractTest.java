package com.waqup.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.EventContracts;
import org.junit.jupiter.api.Test;

/** payment.succeeded is its golden JSON; payment reads what it needs from creator-service's pack events. */
class PaymentEventsContractTest {

    @Test
    void shouldPublishPaymentSucceededAsItsGolden() {
        EventContracts.assertPublishes(PaymentSucceeded.TYPE, new PaymentSucceeded(
                UUID.fromString("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"), UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"),
                "pack", UUID.fromString("3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99"), 1,
                UUID.fromString("5b0d6a8e-1f2e-4c3d-9a8b-7c6d5e4f3a2b"), null, null, "free", 0, "usd", "none", null,
                Instant.parse("2026-11-28T10:00:00Z"), null, null));
    }

    static final UUID PAYMENT = UUID.fromString("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    static final UUID USER = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    static final UUID PACK = UUID.fromString("3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99");
    static final UUID CREATOR = UUID.fromString("5b0d6a8e-1f2e-4c3d-9a8b-7c6d5e4f3a2b");
    static final UUID SUBSCRIPTION = UUID.fromString("7e6d5c4b-3a29-4817-8f6e-5d4c3b2a1908");

    @Test
    void shouldPublishPaymentRefundedAsItsGolden() {
        EventContracts.assertPublishes(PaymentRefunded.TYPE, new PaymentRefunded(PAYMENT,
                UUID.fromString("4d5e6f70-8192-4a3b-8c4d-5e6f708192a3"), USER, "pack", PACK, CREATOR, null, null, null,
                999, 999, "usd", "stripe", "ch_3PzQ8bLkdIwHu7ix0b1Xq2Yz", Instant.parse("2026-11-29T09:30:00Z")));
    }

    @Test
    void shouldPublishSubscriptionRenewedAsItsGolden() {
        EventContracts.assertPublishes(SubscriptionRenewed.TYPE, new SubscriptionRenewed(SUBSCRIPTION,
                UUID.fromString("b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"), USER, PACK, CREATOR, 499, "usd",
                Instant.parse("2026-12-28T10:00:00Z"), Instant.parse("2027-01-28T10:00:00Z"), "stripe",
                "in_1PzQ8bLkdIwHu7ixAbCdEfGh", Instant.parse("2026-12-28T10:00:05Z")));
    }

    @Test
    void shouldPublishSubscriptionEndedAsItsGolden() {
        EventContracts.assertPublishes(SubscriptionEnded.TYPE, new SubscriptionEnded(SUBSCRIPTION, USER, PACK, CREATOR,
                Instant.parse("2027-01-28T10:00:00Z"), "canceled", "stripe", "sub_1PzQ8bLkdIwHu7ixSubXyz12",
                Instant.parse("2027-01-05T18:00:00Z")));
    }

    @Test
    void shouldReadThePriceOfEveryPackRevisionAndTheArchive() {
        for (String type : new String[] { PackOfferConsumer.PackOffer.PUBLISHED, PackOfferConsumer.PackOffer.UPDATED }) {
            EventEnvelope<PackOfferConsumer.PackOffer> event = EventContracts.consume(type, PackOfferConsumer.PackOffer.class);
            assertThat(event.data().priceAmountMinor()).isEqualTo(999L);
            assertThat(event.data().priceType()).isEqualTo("one_time");
            assertThat(event.data().title()).as("the product name of a Stripe Checkout").isNotBlank();
        }
        assertThat(EventContracts.consume(PackOfferConsumer.PackArchived.TYPE, PackOfferConsumer.PackArchived.class)
                .data().revision()).isEqualTo(2);
    }
}
