package com.waqup.library.pack;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.inbox.Inbox;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * The marketplace events the library applies (docs/events.md), each on its own queue (+ DLQ), idempotent by
 * {@code event_id}: {@code pack.published}/{@code pack.updated} store a revision's item versions, {@code pack.archived}
 * marks the pack archived (owners keep it), {@code payment.succeeded} of kind {@code pack} grants it (until the paid
 * period's end for a subscription), {@code subscription.renewed} and {@code subscription.ended} move that end (the later
 * one wins), {@code payment.refunded} revokes a paid grant.
 */
@Configuration(proxyBeanMethods = false)
class PackEventsConsumer {

    static final String REVISIONS = "ritual-library.pack-revisions";
    static final String ARCHIVED = "ritual-library.pack-archived";
    static final String PAYMENTS = "ritual-library.payment-succeeded";
    static final String REFUNDS = "ritual-library.payment-refunded";
    static final String RENEWALS = "ritual-library.subscription-renewed";
    static final String ENDINGS = "ritual-library.subscription-ended";

    /** Only what the library reads of creator-service's pack revision. */
    record PackRevision(@NotNull UUID packId, @NotNull @Min(1) Integer revision, @NotNull UUID creatorId, String title,
            @NotEmpty List<@Valid @NotNull Item> items) {

        static final String PUBLISHED = "pack.published";
        static final String UPDATED = "pack.updated";

        record Item(@NotNull UUID itemId, @NotNull Integer position, @NotBlank String title, @NotBlank String contentType,
                String practiceType, @NotNull @Min(0) Integer duration, List<String> tags, String contentText,
                @NotBlank String audioKey, String audioFormat, Long audioSizeBytes, Boolean personalizable) {
        }
    }

    record PackArchived(@NotNull UUID packId, @NotNull Integer revision, @NotNull UUID creatorId, Instant archivedAt) {

        static final String TYPE = "pack.archived";
    }

    /** Only what the library reads of payment-service's event. */
    record PaymentSucceeded(@NotNull UUID paymentId, @NotNull UUID userId, @NotBlank String kind, UUID packId,
            String priceType, UUID subscriptionId, Instant periodEnd) {

        static final String TYPE = "payment.succeeded";
    }

    record PaymentRefunded(@NotNull UUID paymentId, @NotNull UUID userId, @NotBlank String kind, UUID packId,
            UUID subscriptionId, @NotNull Instant refundedAt) {

        static final String TYPE = "payment.refunded";
    }

    record SubscriptionRenewed(@NotNull UUID subscriptionId, @NotNull UUID paymentId, @NotNull UUID userId,
            @NotNull UUID packId, @NotNull Instant periodEnd) {

        static final String TYPE = "subscription.renewed";
    }

    record SubscriptionEnded(@NotNull UUID subscriptionId, @NotNull UUID userId, @NotNull UUID packId,
            @NotNull Instant accessUntil) {

        static final String TYPE = "subscription.ended";
    }

    @Bean
    static Declarables packRevisionsQueue() {
        return ConsumerQueue.declare(REVISIONS, PackRevision.PUBLISHED, PackRevision.UPDATED);
    }

    @Bean
    static Declarables packArchivedQueue() {
        return ConsumerQueue.declare(ARCHIVED, PackArchived.TYPE);
    }

    @Bean
    static Declarables paymentSucceededQueue() {
        return ConsumerQueue.declare(PAYMENTS, PaymentSucceeded.TYPE);
    }

    @Bean
    static Declarables paymentRefundedQueue() {
        return ConsumerQueue.declare(REFUNDS, PaymentRefunded.TYPE);
    }

    @Bean
    static Declarables subscriptionRenewedQueue() {
        return ConsumerQueue.declare(RENEWALS, SubscriptionRenewed.TYPE);
    }

    @Bean
    static Declarables subscriptionEndedQueue() {
        return ConsumerQueue.declare(ENDINGS, SubscriptionEnded.TYPE);
    }

    @Bean
    Listeners packListeners(Inbox inbox, PackAccessService access) {
        return new Listeners(inbox, access);
    }

    static class Listeners {

        private final Inbox inbox;
        private final PackAccessService access;

        Listeners(Inbox inbox, PackAccessService access) {
            this.inbox = inbox;
            this.access = access;
        }

        @RabbitListener(queues = REVISIONS)
        @Transactional
        public void onRevision(EventEnvelope<PackRevision> event) {
            inbox.handleOnce(event, d -> access.applyRevision(d.packId(), d.creatorId(), d.revision(),
                    d.title() == null ? "" : d.title(), d.items().stream().map(i -> new PackAccessRepository.PackItemVersion(
                            i.itemId(), i.position(), i.title(), i.contentType(), i.practiceType(), i.duration(),
                            i.tags() == null ? List.of() : i.tags(), i.contentText() == null ? "" : i.contentText(),
                            i.audioKey(), i.audioFormat() == null ? "mp3" : i.audioFormat(), i.audioSizeBytes(),
                            Boolean.TRUE.equals(i.personalizable()))).toList()));
        }

        @RabbitListener(queues = ARCHIVED)
        @Transactional
        public void onArchived(EventEnvelope<PackArchived> event) {
            inbox.handleOnce(event, d -> access.archive(d.packId(), d.creatorId(), d.revision()));
        }

        /**
         * Several consumers at once ({@code waqup.library.purchase-consumers}): each grant is one buyer's, its rows
         * ({@code pack_grant}, the inbox entry) serialize two events about the same purchase, in any order.
         */
        @RabbitListener(queues = PAYMENTS, concurrency = "${waqup.library.purchase-consumers:2}")
        @Transactional
        public void onPayment(EventEnvelope<PaymentSucceeded> event) {
            inbox.handleOnce(event, d -> {
                if (!"pack".equals(d.kind()) || d.packId() == null) {
                    return;
                }
                if ("subscription".equals(d.priceType()) && d.subscriptionId() != null && d.periodEnd() != null) {
                    access.subscribe(d.userId(), d.packId(), d.subscriptionId(), d.paymentId(), d.periodEnd());
                } else {
                    access.grant(d.userId(), d.packId(), "free".equals(d.priceType()) ? PackAccessService.CLAIM
                            : PackAccessService.PURCHASE, d.paymentId());
                }
            });
        }

        @RabbitListener(queues = REFUNDS)
        @Transactional
        public void onRefund(EventEnvelope<PaymentRefunded> event) {
            inbox.handleOnce(event, d -> {
                if ("pack".equals(d.kind()) && d.packId() != null) {
                    access.refund(d.userId(), d.packId(), d.paymentId(), d.subscriptionId(), d.refundedAt());
                }
            });
        }

        @RabbitListener(queues = RENEWALS)
        @Transactional
        public void onRenewal(EventEnvelope<SubscriptionRenewed> event) {
            inbox.handleOnce(event, d -> access.subscribe(d.userId(), d.packId(), d.subscriptionId(), d.paymentId(),
                    d.periodEnd()));
        }

        /** The end of a subscription: access lasts to the end of the paid period (the later of what is known). */
        @RabbitListener(queues = ENDINGS)
        @Transactional
        public void onEnded(EventEnvelope<SubscriptionEnded> event) {
            inbox.handleOnce(event, d -> access.subscribe(d.userId(), d.packId(), d.subscriptionId(), null, d.accessUntil()));
        }
    }
}
