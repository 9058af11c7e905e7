package com.waqup.library.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.EventContracts;
import org.junit.jupiter.api.Test;

/** The library reads everything it needs from its producers' golden events (creator-service, payment-service). */
class PackEventsContractTest {

    @Test
    void shouldReadPackPublishedAndUpdated() {
        for (String type : new String[] { PackEventsConsumer.PackRevision.PUBLISHED, PackEventsConsumer.PackRevision.UPDATED }) {
            EventEnvelope<PackEventsConsumer.PackRevision> event = EventContracts.consume(type, PackEventsConsumer.PackRevision.class);
            assertThat(event.data().items()).hasSize(1);
            assertThat(event.data().items().getFirst().audioKey()).startsWith("packs/" + event.data().packId() + "/");
            assertThat(event.data().items().getFirst().contentText()).isNotBlank();
        }
    }

    @Test
    void shouldReadPackArchived() {
        EventEnvelope<PackEventsConsumer.PackArchived> event = EventContracts.consume(PackEventsConsumer.PackArchived.TYPE,
                PackEventsConsumer.PackArchived.class);
        assertThat(event.data().revision()).isEqualTo(2);
    }

    @Test
    void shouldReadPaymentSucceeded() {
        EventEnvelope<PackEventsConsumer.PaymentSucceeded> event = EventContracts.consume(
                PackEventsConsumer.PaymentSucceeded.TYPE, PackEventsConsumer.PaymentSucceeded.class);
        assertThat(event.data().kind()).isEqualTo("pack");
        assertThat(event.data().priceType()).isEqualTo("free");
        assertThat(event.data().packId()).isNotNull();
    }

    @Test
    void shouldReadPaymentRefundedAndTheSubscriptionEvents() {
        EventEnvelope<PackEventsConsumer.PaymentRefunded> refund = EventContracts.consume(PackEventsConsumer.PaymentRefunded.TYPE,
                PackEventsConsumer.PaymentRefunded.class);
        assertThat(refund.data().kind()).isEqualTo("pack");
        assertThat(refund.data().packId()).isNotNull();
        assertThat(refund.data().refundedAt()).isNotNull();
        EventEnvelope<PackEventsConsumer.SubscriptionRenewed> renewed = EventContracts.consume(
                PackEventsConsumer.SubscriptionRenewed.TYPE, PackEventsConsumer.SubscriptionRenewed.class);
        assertThat(renewed.data().periodEnd()).isNotNull();
        assertThat(renewed.data().paymentId()).isNotNull();
        EventEnvelope<PackEventsConsumer.SubscriptionEnded> ended = EventContracts.consume(
                PackEventsConsumer.SubscriptionEnded.TYPE, PackEventsConsumer.SubscriptionEnded.class);
        assertThat(ended.data().accessUntil()).isEqualTo(java.time.Instant.parse("2027-01-28T10:00:00Z"));
    }
}
