package com.waqup.user.tier;

import java.time.Instant;
import java.util.UUID;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.inbox.Inbox;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payments behind the {@code paid} tier, each on its own queue (+ DLQ), idempotent by {@code event_id}:
 * {@code payment.succeeded} with an amount (a pack or credits bought; a free claim is not a payment),
 * {@code subscription.renewed} and {@code subscription.ended} (the paid period's end), {@code payment.refunded} (the
 * purchase stops counting; a subscription's own period is untouched: cancelling ends it).
 */
@Configuration(proxyBeanMethods = false)
class PaymentEventsConsumer {

    static final String PAYMENTS = "user.payment-succeeded";
    static final String RENEWALS = "user.subscription-renewed";
    static final String ENDINGS = "user.subscription-ended";
    static final String REFUNDS = "user.payment-refunded";

    record PaymentSucceeded(@NotNull UUID paymentId, @NotNull UUID userId, @NotBlank String kind, String priceType,
            @NotNull @Min(0) Long amountMinor, Instant occurredAt, UUID subscriptionId, Instant periodEnd) {

        static final String TYPE = "payment.succeeded";
    }

    record SubscriptionRenewed(@NotNull UUID subscriptionId, @NotNull UUID userId, @NotNull Instant periodEnd) {

        static final String TYPE = "subscription.renewed";
    }

    record SubscriptionEnded(@NotNull UUID subscriptionId, @NotNull UUID userId, @NotNull Instant accessUntil) {

        static final String TYPE = "subscription.ended";
    }

    record PaymentRefunded(@NotNull UUID paymentId, @NotNull UUID userId, Instant refundedAt) {

        static final String TYPE = "payment.refunded";
    }

    @Bean
    static Declarables userRefundsQueue() {
        return ConsumerQueue.declare(REFUNDS, PaymentRefunded.TYPE);
    }

    @Bean
    static Declarables userPaymentsQueue() {
        return ConsumerQueue.declare(PAYMENTS, PaymentSucceeded.TYPE);
    }

    @Bean
    static Declarables userRenewalsQueue() {
        return ConsumerQueue.declare(RENEWALS, SubscriptionRenewed.TYPE);
    }

    @Bean
    static Declarables userEndingsQueue() {
        return ConsumerQueue.declare(ENDINGS, SubscriptionEnded.TYPE);
    }

    @Bean
    Listeners tierListeners(Inbox inbox, PaidTier tier) {
        return new Listeners(inbox, tier);
    }

    static class Listeners {

        private final Inbox inbox;
        private final PaidTier tier;

        Listeners(Inbox inbox, PaidTier tier) {
            this.inbox = inbox;
            this.tier = tier;
        }

        @RabbitListener(queues = PAYMENTS)
        @Transactional
        public void onPayment(EventEnvelope<PaymentSucceeded> event) {
            inbox.handleOnce(event, d -> {
                if (d.amountMinor() <= 0) {
                    return;
                }
                tier.purchased(d.userId(), d.paymentId(), d.occurredAt() != null ? d.occurredAt() : event.occurredAt());
                if (d.subscriptionId() != null && d.periodEnd() != null) {
                    tier.subscribed(d.userId(), d.subscriptionId(), d.periodEnd());
                }
            });
        }

        @RabbitListener(queues = RENEWALS)
        @Transactional
        public void onRenewal(EventEnvelope<SubscriptionRenewed> event) {
            inbox.handleOnce(event, d -> tier.subscribed(d.userId(), d.subscriptionId(), d.periodEnd()));
        }

        @RabbitListener(queues = REFUNDS)
        @Transactional
        public void onRefund(EventEnvelope<PaymentRefunded> event) {
            inbox.handleOnce(event, d -> tier.refunded(d.userId(), d.paymentId(),
                    d.refundedAt() != null ? d.refundedAt() : event.occurredAt()));
        }

        @RabbitListener(queues = ENDINGS)
        @Transactional
        public void onEnded(EventEnvelope<SubscriptionEnded> event) {
            inbox.handleOnce(event, d -> tier.subscribed(d.userId(), d.subscriptionId(), d.accessUntil()));
        }
    }
}
