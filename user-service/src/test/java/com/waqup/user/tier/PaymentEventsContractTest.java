package com.waqup.user.tier;

import static org.assertj.core.api.Assertions.assertThat;

import com.waqup.common.test.EventContracts;
import org.junit.jupiter.api.Test;

/** The paid tier reads payment-service's events as they are published. */
class PaymentEventsContractTest {

    @Test
    void shouldReadPaymentAndSubscriptionEvents() {
        PaymentEventsConsumer.PaymentSucceeded paid = EventContracts.consume(PaymentEventsConsumer.PaymentSucceeded.TYPE,
                PaymentEventsConsumer.PaymentSucceeded.class).data();
        assertThat(paid.amountMinor()).isZero();
        assertThat(paid.occurredAt()).isNotNull();
        assertThat(EventContracts.consume(PaymentEventsConsumer.SubscriptionRenewed.TYPE,
                PaymentEventsConsumer.SubscriptionRenewed.class).data().periodEnd()).isNotNull();
        assertThat(EventContracts.consume(PaymentEventsConsumer.SubscriptionEnded.TYPE,
                PaymentEventsConsumer.SubscriptionEnded.class).data().accessUntil()).isNotNull();
        PaymentEventsConsumer.PaymentRefunded refunded = EventContracts.consume(PaymentEventsConsumer.PaymentRefunded.TYPE,
                PaymentEventsConsumer.PaymentRefunded.class).data();
        assertThat(refunded.paymentId()).isNotNull();
        assertThat(refunded.refundedAt()).isNotNull();
    }
}
