package com.waqup.reward.earning;

import static org.assertj.core.api.Assertions.assertThat;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.EventContracts;
import org.junit.jupiter.api.Test;

/** The earning rules read their producers' golden events (payment-service, ritual-library, creator-service). */
class EarningEventsContractTest {

    @Test
    void shouldReadPaymentSucceeded() {
        EventEnvelope<EarningConsumer.PaymentSucceeded> e = EventContracts.consume(EarningConsumer.PaymentSucceeded.TYPE,
                EarningConsumer.PaymentSucceeded.class);
        assertThat(e.data().creatorId()).isNotNull();
        assertThat(e.data().kind()).isEqualTo("pack");
        assertThat(e.data().amountMinor()).isZero();
    }

    @Test
    void shouldReadSubscriptionRenewed() {
        EventEnvelope<EarningConsumer.SubscriptionRenewed> e = EventContracts.consume(EarningConsumer.SubscriptionRenewed.TYPE,
                EarningConsumer.SubscriptionRenewed.class);
        assertThat(e.data().amountMinor()).isEqualTo(499);
        assertThat(e.data().creatorId()).isNotNull();
    }

    @Test
    void shouldReadPaymentRefunded() {
        EventEnvelope<EarningConsumer.PaymentRefunded> e = EventContracts.consume(EarningConsumer.PaymentRefunded.TYPE,
                EarningConsumer.PaymentRefunded.class);
        assertThat(e.data().refundedMinor()).isEqualTo(999);
        assertThat(e.data().refundId()).isNotNull();
    }

    @Test
    void shouldReadPracticeCompletedAndPackRevisions() {
        EventEnvelope<EarningConsumer.PracticeCompleted> p = EventContracts.consume(EarningConsumer.PracticeCompleted.TYPE,
                EarningConsumer.PracticeCompleted.class);
        assertThat(p.data().completedAt()).isNotNull();
        for (String type : new String[] { EarningConsumer.PackRevision.PUBLISHED, EarningConsumer.PackRevision.UPDATED }) {
            assertThat(EventContracts.consume(type, EarningConsumer.PackRevision.class).data().creatorId()).isNotNull();
        }
    }
}
