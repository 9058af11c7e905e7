package com.waqup.creator.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.inbox.Inbox;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * The facts behind creator analytics, from other services' events only (never their schemas), each on its own queue
 * (+ DLQ), idempotent by {@code event_id}: claims and purchases ({@code payment.succeeded} of kind {@code pack}), plays
 * ({@code practice.started}, sent for pack items), completions ({@code practice.completed} with a {@code pack_id}),
 * ratings ({@code pack.rated}), money ({@code payment.succeeded} amounts, {@code subscription.renewed},
 * {@code payment.refunded}) and the creator's tokens ({@code reward.earned}).
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsConsumer {

    static final String PAYMENTS = "creator.payment-succeeded";
    static final String PLAYS = "creator.practice-started";
    static final String COMPLETIONS = "creator.practice-completed";
    static final String RATINGS = "creator.pack-rated";
    static final String RENEWALS = "creator.subscription-renewed";
    static final String REFUNDS = "creator.payment-refunded";
    static final String REWARDS = "creator.reward-earned";

    record PaymentSucceeded(@NotNull UUID paymentId, @NotNull UUID userId, @NotBlank String kind, UUID packId,
            String priceType, Instant occurredAt, @Min(0) Long amountMinor, String currency) {

        static final String TYPE = "payment.succeeded";
    }

    record PracticeStarted(@NotNull UUID practiceEventId, @NotNull UUID userId, @NotNull UUID packId,
            @NotNull Instant startedAt) {

        static final String TYPE = "practice.started";
    }

    record PracticeCompleted(@NotNull UUID practiceEventId, @NotNull UUID userId, UUID packId, @NotNull Instant completedAt) {

        static final String TYPE = "practice.completed";
    }

    record PackRated(@NotNull UUID packId, UUID reviewerId, @NotNull @Min(1) @Max(5) Integer rating,
            @NotNull BigDecimal averageRating, @NotNull @Min(0) Integer reviewCount, @NotNull Instant ratedAt) {

        static final String TYPE = "pack.rated";
    }

    record SubscriptionRenewed(@NotNull UUID paymentId, @NotNull UUID userId, @NotNull UUID packId,
            @NotNull @Min(0) Long amountMinor, String currency, @NotNull Instant occurredAt) {

        static final String TYPE = "subscription.renewed";
    }

    record PaymentRefunded(@NotNull UUID refundId, @NotNull UUID userId, @NotBlank String kind, UUID packId,
            @NotNull @Min(0) Long refundedMinor, String currency, @NotNull Instant refundedAt) {

        static final String TYPE = "payment.refunded";
    }

    /** reward-service's credit (or reversal) of tokens to the pack's creator. */
    record RewardEarned(@NotNull UUID creatorId, UUID packId, @NotNull Long tokens, @NotNull Instant occurredAt) {

        static final String TYPE = "reward.earned";
    }

    @Bean
    static Declarables creatorRenewalsQueue() {
        return ConsumerQueue.declare(RENEWALS, SubscriptionRenewed.TYPE);
    }

    @Bean
    static Declarables creatorRefundsQueue() {
        return ConsumerQueue.declare(REFUNDS, PaymentRefunded.TYPE);
    }

    @Bean
    static Declarables creatorRewardsQueue() {
        return ConsumerQueue.declare(REWARDS, RewardEarned.TYPE);
    }

    @Bean
    static Declarables creatorPaymentsQueue() {
        return ConsumerQueue.declare(PAYMENTS, PaymentSucceeded.TYPE);
    }

    @Bean
    static Declarables creatorPlaysQueue() {
        return ConsumerQueue.declare(PLAYS, PracticeStarted.TYPE);
    }

    @Bean
    static Declarables creatorCompletionsQueue() {
        return ConsumerQueue.declare(COMPLETIONS, PracticeCompleted.TYPE);
    }

    @Bean
    static Declarables creatorRatingsQueue() {
        return ConsumerQueue.declare(RATINGS, PackRated.TYPE);
    }

    @Bean
    Listeners analyticsListeners(Inbox inbox, AnalyticsRepository facts) {
        return new Listeners(inbox, facts);
    }

    static class Listeners {

        private final Inbox inbox;
        private final AnalyticsRepository facts;

        Listeners(Inbox inbox, AnalyticsRepository facts) {
            this.inbox = inbox;
            this.facts = facts;
        }

        @RabbitListener(queues = PAYMENTS)
        @Transactional
        public void onPayment(EventEnvelope<PaymentSucceeded> event) {
            inbox.handleOnce(event, d -> {
                if ("pack".equals(d.kind()) && d.packId() != null) {
                    boolean claim = "free".equals(d.priceType());
                    facts.moneyFact(event.eventId(), d.packId(), claim ? "claim" : "purchase", d.userId(),
                            claim ? null : d.amountMinor(), claim ? null : d.currency(), null,
                            d.occurredAt() != null ? d.occurredAt() : event.occurredAt());
                }
            });
        }

        @RabbitListener(queues = RENEWALS)
        @Transactional
        public void onRenewal(EventEnvelope<SubscriptionRenewed> event) {
            inbox.handleOnce(event, d -> facts.moneyFact(event.eventId(), d.packId(), "renewal", d.userId(), d.amountMinor(),
                    d.currency(), null, d.occurredAt()));
        }

        @RabbitListener(queues = REFUNDS)
        @Transactional
        public void onRefund(EventEnvelope<PaymentRefunded> event) {
            inbox.handleOnce(event, d -> {
                if ("pack".equals(d.kind()) && d.packId() != null) {
                    facts.moneyFact(event.eventId(), d.packId(), "refund", d.userId(), d.refundedMinor(), d.currency(), null,
                            d.refundedAt());
                }
            });
        }

        @RabbitListener(queues = REWARDS)
        @Transactional
        public void onReward(EventEnvelope<RewardEarned> event) {
            inbox.handleOnce(event, d -> {
                if (d.packId() != null) {
                    facts.moneyFact(event.eventId(), d.packId(), "reward", null, null, null, d.tokens(), d.occurredAt());
                }
            });
        }

        @RabbitListener(queues = PLAYS)
        @Transactional
        public void onPlay(EventEnvelope<PracticeStarted> event) {
            inbox.handleOnce(event, d -> facts.fact(event.eventId(), d.packId(), "play", d.userId(), null, d.startedAt()));
        }

        @RabbitListener(queues = COMPLETIONS)
        @Transactional
        public void onCompletion(EventEnvelope<PracticeCompleted> event) {
            inbox.handleOnce(event, d -> {
                if (d.packId() != null) {
                    facts.fact(event.eventId(), d.packId(), "completion", d.userId(), null, d.completedAt());
                }
            });
        }

        @RabbitListener(queues = RATINGS)
        @Transactional
        public void onRating(EventEnvelope<PackRated> event) {
            inbox.handleOnce(event, d -> {
                facts.fact(event.eventId(), d.packId(), "rating", d.reviewerId(), d.rating(), d.ratedAt());
                facts.rating(d.packId(), d.averageRating(), d.reviewCount(), d.ratedAt());
            });
        }
    }
}
