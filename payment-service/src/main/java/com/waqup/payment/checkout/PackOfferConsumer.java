package com.waqup.payment.checkout;

import java.util.UUID;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.inbox.Inbox;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each pack costs, projected from creator-service's {@code pack.published}/{@code pack.updated} (the price of the
 * latest revision) and {@code pack.archived} (no longer on sale): payment-service decides a checkout from its own
 * projection, never from another service's schema. Idempotent by {@code event_id}; a revision older than the one
 * known changes nothing, so order does not matter.
 */
@Configuration(proxyBeanMethods = false)
class PackOfferConsumer {

    static final String REVISIONS = "payment.pack-revisions";
    static final String ARCHIVED = "payment.pack-archived";

    /** Only what payment reads of a pack revision. */
    record PackOffer(@NotNull UUID packId, @NotNull Integer revision, @NotNull UUID creatorId, @NotBlank String priceType,
            @NotNull Long priceAmountMinor, @NotBlank String currency, String subscriptionInterval, String title) {

        static final String PUBLISHED = "pack.published";
        static final String UPDATED = "pack.updated";
    }

    record PackArchived(@NotNull UUID packId, @NotNull Integer revision, @NotNull UUID creatorId) {

        static final String TYPE = "pack.archived";
    }

    @Bean
    static Declarables packRevisionsQueue() {
        return ConsumerQueue.declare(REVISIONS, PackOffer.PUBLISHED, PackOffer.UPDATED);
    }

    @Bean
    static Declarables packArchivedQueue() {
        return ConsumerQueue.declare(ARCHIVED, PackArchived.TYPE);
    }

    @Bean
    Listeners packOfferListeners(Inbox inbox, OfferRepository offers) {
        return new Listeners(inbox, offers);
    }

    static class Listeners {

        private final Inbox inbox;
        private final OfferRepository offers;

        Listeners(Inbox inbox, OfferRepository offers) {
            this.inbox = inbox;
            this.offers = offers;
        }

        @RabbitListener(queues = REVISIONS)
        @Transactional
        public void onRevision(EventEnvelope<PackOffer> event) {
            inbox.handleOnce(event, offers::upsert);
        }

        @RabbitListener(queues = ARCHIVED)
        @Transactional
        public void onArchived(EventEnvelope<PackArchived> event) {
            inbox.handleOnce(event, d -> offers.archive(d.packId(), d.creatorId(), d.revision()));
        }
    }
}
