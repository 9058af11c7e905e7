package com.waqup.credit.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.EventContracts;
import org.junit.jupiter.api.Test;

/** credit-service reads payment-service's {@code payment.succeeded} and {@code payment.refunded} as they are published. */
class PaymentEventsContractTest {

    @Test
    void shouldReadPaymentSucceeded() {
        EventEnvelope<CreditPurchaseConsumer.PaymentSucceeded> event = EventContracts.consume(
                CreditPurchaseConsumer.PaymentSucceeded.TYPE, CreditPurchaseConsumer.PaymentSucceeded.class);
        assertThat(event.data().paymentId()).isNotNull();
        assertThat(event.data().userId()).isNotNull();
        assertThat(event.data().kind()).isEqualTo("pack");
    }

    @Test
    void shouldReadPaymentRefunded() {
        EventEnvelope<CreditPurchaseConsumer.PaymentRefunded> event = EventContracts.consume(
                CreditPurchaseConsumer.PaymentRefunded.TYPE, CreditPurchaseConsumer.PaymentRefunded.class);
        assertThat(event.data().refundId()).isNotNull();
        assertThat(event.data().amountMinor()).isEqualTo(999);
        assertThat(event.data().refundedMinor()).isEqualTo(999);
    }
}
