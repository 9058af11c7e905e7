package com.waqup.creator.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.waqup.common.test.EventContracts;
import org.junit.jupiter.api.Test;

/** Analytics read payment-service's and reward-service's events as they are published (their golden JSON). */
class AnalyticsEventsContractTest {

    @Test
    void shouldReadTheMoneyAndTokenEvents() {
        AnalyticsConsumer.PaymentSucceeded paid = EventContracts.consume(AnalyticsConsumer.PaymentSucceeded.TYPE,
                AnalyticsConsumer.PaymentSucceeded.class).data();
        assertThat(paid.currency()).isEqualTo("usd");
        assertThat(paid.amountMinor()).isZero();
        AnalyticsConsumer.SubscriptionRenewed renewed = EventContracts.consume(AnalyticsConsumer.SubscriptionRenewed.TYPE,
                AnalyticsConsumer.SubscriptionRenewed.class).data();
        assertThat(renewed.amountMinor()).isEqualTo(499);
        AnalyticsConsumer.PaymentRefunded refunded = EventContracts.consume(AnalyticsConsumer.PaymentRefunded.TYPE,
                AnalyticsConsumer.PaymentRefunded.class).data();
        assertThat(refunded.refundedMinor()).isEqualTo(999);
        AnalyticsConsumer.RewardEarned earned = EventContracts.consume(AnalyticsConsumer.RewardEarned.TYPE,
                AnalyticsConsumer.RewardEarned.class).data();
        assertThat(earned.tokens()).isEqualTo(699);
        assertThat(earned.packId()).isNotNull();
    }
}
