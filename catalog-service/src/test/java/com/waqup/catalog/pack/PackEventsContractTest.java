package com.waqup.catalog.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.EventContracts;
import org.junit.jupiter.api.Test;

/** creator-service's golden pack.* events read into the catalog's own records, with their constraints checked. */
class PackEventsContractTest {

    @Test
    void shouldReadPackPublishedIntoTheCatalogsRecord() {
        EventEnvelope<PackEvents.PackRevision> event = EventContracts.consume(PackEvents.PUBLISHED, PackEvents.PackRevision.class);
        PackEvents.PackRevision d = event.data();
        assertThat(d.title()).isEqualTo("Evening Wind-Down");
        assertThat(d.creatorName()).isEqualTo("Sarah Facilitator");
        assertThat(d.priceAmountMinor()).isEqualTo(999L);
        assertThat(d.currency()).isEqualTo("usd");
        assertThat(d.tags()).containsExactly("sleep", "evening");
        assertThat(d.items()).hasSize(1);
        assertThat(d.items().getFirst().practiceType()).isEqualTo("guided_meditation");
        assertThat(d.items().getFirst().duration()).isEqualTo(301);
    }

    @Test
    void shouldReadPackUpdatedIntoTheSameRecord() {
        PackEvents.PackRevision d = EventContracts.consume(PackEvents.UPDATED, PackEvents.PackRevision.class).data();
        assertThat(d.revision()).isGreaterThan(1);
        assertThat(d.items()).isNotEmpty();
    }

    @Test
    void shouldReadPackArchived() {
        PackEvents.PackArchived d = EventContracts.consume(PackEvents.ARCHIVED, PackEvents.PackArchived.class).data();
        assertThat(d.revision()).isEqualTo(2);
        assertThat(d.archivedAt()).isNotNull();
    }
}
