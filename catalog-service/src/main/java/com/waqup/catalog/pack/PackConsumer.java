package com.waqup.catalog.pack;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.InvalidEventException;
import com.waqup.common.inbox.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the catalog current with creator-service's {@code pack.published}, {@code pack.updated} and
 * {@code pack.archived} on the queue {@value #PUBLISHED_QUEUE}/{@value #ARCHIVED_QUEUE} (+ DLQ). Idempotent by
 * {@code event_id} and ordered by {@code revision}: an event older than what is stored changes nothing, so
 * redeliveries and out-of-order arrivals are harmless. The index document is written inside the transaction (a
 * failure rolls back and the event is retried) and every cached search is invalidated.
 */
@Configuration(proxyBeanMethods = false)
class PackConsumer {

    static final String PUBLISHED_QUEUE = "catalog.pack-revisions";
    static final String ARCHIVED_QUEUE = "catalog.pack-archived";
    private static final Logger log = LoggerFactory.getLogger(PackConsumer.class);

    @Bean
    static Declarables packRevisionsQueue() {
        return ConsumerQueue.declare(PUBLISHED_QUEUE, PackEvents.PUBLISHED, PackEvents.UPDATED);
    }

    @Bean
    static Declarables packArchivedQueue() {
        return ConsumerQueue.declare(ARCHIVED_QUEUE, PackEvents.ARCHIVED);
    }

    @Bean
    Listener packListener(Inbox inbox, PackRepository packs, PackIndex index, SearchCache cache, Clock clock) {
        return new Listener(inbox, packs, index, cache, clock);
    }

    static class Listener {

        private final Inbox inbox;
        private final PackRepository packs;
        private final PackIndex index;
        private final SearchCache cache;
        private final Clock clock;

        Listener(Inbox inbox, PackRepository packs, PackIndex index, SearchCache cache, Clock clock) {
            this.inbox = inbox;
            this.packs = packs;
            this.index = index;
            this.cache = cache;
            this.clock = clock;
        }

        @RabbitListener(queues = PUBLISHED_QUEUE)
        @Transactional
        public void onRevision(EventEnvelope<PackEvents.PackRevision> event) {
            inbox.handleOnce(event, data -> apply(event, data));
        }

        @RabbitListener(queues = ARCHIVED_QUEUE)
        @Transactional
        public void onArchived(EventEnvelope<PackEvents.PackArchived> event) {
            inbox.handleOnce(event, data -> {
                Instant archivedAt = data.archivedAt() != null ? data.archivedAt() : event.occurredAt();
                if (!packs.archive(data.packId(), data.revision(), data.creatorId(), archivedAt, clock.instant())) {
                    log.info("pack.archived {}: pack {} r{} already archived or newer; ignored", event.eventId(),
                            data.packId(), data.revision());
                    return;
                }
                index.remove(data.packId());
                cache.invalidate();
                log.info("pack {} archived (r{}): out of the catalog", data.packId(), data.revision());
            });
        }

        private void apply(EventEnvelope<PackEvents.PackRevision> event, PackEvents.PackRevision d) {
            Pack pack = toPack(event, d);
            if (!packs.applyRevision(pack, clock.instant())) {
                log.info("{} {}: pack {} r{} is not newer than the stored revision; ignored", event.type(), event.eventId(),
                        d.packId(), d.revision());
                return;
            }
            index.write(packs.find(pack.id()).orElseThrow());
            cache.invalidate();
            log.info("pack {} r{} in the catalog ({})", d.packId(), d.revision(), event.type());
        }

        private static Pack toPack(EventEnvelope<PackEvents.PackRevision> event, PackEvents.PackRevision d) {
            String problem = d.revision() < 1 ? "revision below 1"
                    : !CatalogService.PRICE_TYPES.contains(d.priceType()) ? "unknown price_type " + d.priceType()
                    : d.subscriptionInterval() != null && !List.of("monthly", "annual").contains(d.subscriptionInterval())
                            ? "unknown subscription_interval" : null;
            if (problem != null) {
                log.error("{} {} rejected to the dead-letter queue: {}", event.type(), event.eventId(), problem);
                throw new InvalidEventException("invalid " + event.type() + " " + event.eventId() + ": " + problem);
            }
            List<Pack.Item> items = new ArrayList<>();
            int position = 0;
            for (PackEvents.PackRevision.Item i : d.items()) {
                position++;
                items.add(new Pack.Item(i.itemId(), i.position() == null ? position : i.position(),
                        i.title() == null ? "" : i.title(), i.duration() == null ? 0 : Math.max(0, i.duration()),
                        i.practiceType() != null ? i.practiceType() : i.contentType(), i.contentType(),
                        i.tags() == null ? List.of() : i.tags()));
            }
            return new Pack(d.packId(), d.revision(), Pack.PUBLISHED, d.creatorId(),
                    d.creatorName() == null ? "" : d.creatorName(), d.title(), d.description() == null ? "" : d.description(),
                    d.priceType(), d.priceAmountMinor(), d.currency() == null ? "usd" : d.currency(),
                    "subscription".equals(d.priceType()) ? d.subscriptionInterval() : null,
                    d.tags() == null ? List.of() : d.tags().stream().filter(t -> t != null && !t.isBlank()).toList(),
                    d.coverUrl(), d.publishedAt() != null ? d.publishedAt() : event.occurredAt(), 0, 0, null, items);
        }
    }
}
