package com.waqup.reward.earning;

import java.time.Instant;
import java.util.UUID;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.inbox.Inbox;
import com.waqup.reward.ledger.TokenLedger;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * The events tokens are earned from (docs/events.md), each on its own queue (+ DLQ), idempotent by {@code event_id}
 * (inbox) and again by payment, refund and practice id: {@code payment.succeeded} (pack purchases),
 * {@code subscription.renewed}, {@code payment.refunded}, {@code practice.completed} and the pack revisions
 * ({@code pack.published}/{@code pack.updated}, for each pack's creator).
 */
@Configuration(proxyBeanMethods = false)
class EarningConsumer {

    static final String PAYMENTS = "reward.payment-succeeded";
    static final String RENEWALS = "reward.subscription-renewed";
    static final String REFUNDS = "reward.payment-refunded";
    static final String PRACTICES = "reward.practice-completed";
    static final String PACKS = "reward.pack-revisions";

    record PaymentSucceeded(@NotNull UUID paymentId, @NotNull UUID userId, @NotBlank String kind, UUID packId,
            UUID creatorId, @NotNull @Min(0) Long amountMinor) {

        static final String TYPE = "payment.succeeded";
    }

    record SubscriptionRenewed(@NotNull UUID paymentId, @NotNull UUID userId, @NotNull UUID packId, @NotNull UUID creatorId,
            @NotNull @Min(0) Long amountMinor) {

        static final String TYPE = "subscription.renewed";
    }

    record PaymentRefunded(@NotNull UUID paymentId, @NotNull UUID refundId, @NotBlank String kind,
            @NotNull @Min(0) Long amountMinor, @NotNull @Min(0) Long refundedMinor) {

        static final String TYPE = "payment.refunded";
    }

    record PracticeCompleted(@NotNull UUID practiceEventId, @NotNull UUID userId, UUID packId, @NotNull Instant completedAt) {

        static final String TYPE = "practice.completed";
    }

    record PackRevision(@NotNull UUID packId, @NotNull UUID creatorId) {

        static final String PUBLISHED = "pack.published";
        static final String UPDATED = "pack.updated";
    }

    @Bean
    static Declarables rewardPaymentsQueue() {
        return ConsumerQueue.declare(PAYMENTS, PaymentSucceeded.TYPE);
    }

    @Bean
    static Declarables rewardRenewalsQueue() {
        return ConsumerQueue.declare(RENEWALS, SubscriptionRenewed.TYPE);
    }

    @Bean
    static Declarables rewardRefundsQueue() {
        return ConsumerQueue.declare(REFUNDS, PaymentRefunded.TYPE);
    }

    @Bean
    static Declarables rewardPracticesQueue() {
        return ConsumerQueue.declare(PRACTICES, PracticeCompleted.TYPE);
    }

    @Bean
    static Declarables rewardPacksQueue() {
        return ConsumerQueue.declare(PACKS, PackRevision.PUBLISHED, PackRevision.UPDATED);
    }

    @Bean
    Listeners earningListeners(Inbox inbox, EarningService earnings) {
        return new Listeners(inbox, earnings);
    }

    static class Listeners {

        private final Inbox inbox;
        private final EarningService earnings;

        Listeners(Inbox inbox, EarningService earnings) {
            this.inbox = inbox;
            this.earnings = earnings;
        }

        @RabbitListener(queues = PAYMENTS)
        @Transactional
        public void onPayment(EventEnvelope<PaymentSucceeded> event) {
            inbox.handleOnce(event, d -> {
                if ("pack".equals(d.kind())) {
                    earnings.paid(TokenLedger.PURCHASE, new TokenLedger.Source(PaymentSucceeded.TYPE, event.eventId(),
                            d.packId(), d.paymentId()), d.userId(), d.creatorId(), d.amountMinor());
                }
            });
        }

        @RabbitListener(queues = RENEWALS)
        @Transactional
        public void onRenewal(EventEnvelope<SubscriptionRenewed> event) {
            inbox.handleOnce(event, d -> earnings.paid(TokenLedger.RENEWAL, new TokenLedger.Source(SubscriptionRenewed.TYPE,
                    event.eventId(), d.packId(), d.paymentId()), d.userId(), d.creatorId(), d.amountMinor()));
        }

        @RabbitListener(queues = REFUNDS)
        @Transactional
        public void onRefund(EventEnvelope<PaymentRefunded> event) {
            inbox.handleOnce(event, d -> {
                if ("pack".equals(d.kind())) {
                    earnings.refunded(new EarningRepository.Refund(d.refundId(), d.paymentId(), d.amountMinor(),
                            d.refundedMinor(), event.eventId()));
                }
            });
        }

        @RabbitListener(queues = PRACTICES)
        @Transactional
        public void onPractice(EventEnvelope<PracticeCompleted> event) {
            inbox.handleOnce(event, d -> {
                if (d.packId() != null) {
                    earnings.practiced(event.eventId(), d.practiceEventId(), d.userId(), d.packId(), d.completedAt());
                }
            });
        }

        @RabbitListener(queues = PACKS)
        @Transactional
        public void onPack(EventEnvelope<PackRevision> event) {
            inbox.handleOnce(event, d -> earnings.packOwner(d.packId(), d.creatorId()));
        }
    }
}
