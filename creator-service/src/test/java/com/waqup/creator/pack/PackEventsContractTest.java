package com.waqup.creator.pack;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.waqup.common.test.EventContracts;
import org.junit.jupiter.api.Test;

/** creator-service's pack events are exactly the golden JSON its consumers (catalog, ritual-library) read. */
class PackEventsContractTest {

    static final UUID PACK = UUID.fromString("3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99");
    static final UUID CREATOR = UUID.fromString("5b0d6a8e-1f2e-4c3d-9a8b-7c6d5e4f3a2b");
    static final UUID ITEM = UUID.fromString("8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968");

    static PackEvents.PackRevision revision(int revision, String title) {
        PackEvents.Item item = new PackEvents.Item(ITEM, 1, "Evening Calm", "guided_meditation", "guided_meditation", 301,
                List.of("sleep", "guided_meditation"), "Welcome. Let's begin.\n\nBreathe in slowly.",
                "packs/" + PACK + "/" + ITEM + "/1.mp3", "mp3", 4823110L, false);
        return new PackEvents.PackRevision(PACK, revision, CREATOR, "Sarah Facilitator", title,
                "Three short practices to let the day go.", "one_time", 999, "usd", null, List.of("sleep", "evening"), null,
                Instant.parse("2026-11-27T17:00:00Z"), List.of(item));
    }

    @Test
    void shouldPublishPackPublishedAsItsGolden() {
        EventContracts.assertPublishes(PackEvents.PackRevision.PUBLISHED, revision(1, "Evening Wind-Down"));
    }

    @Test
    void shouldPublishPackUpdatedAsItsGoldenWithTheSameShapeAndAHigherRevision() {
        EventContracts.assertPublishes(PackEvents.PackRevision.UPDATED, revision(2, "Evening Wind-Down (renewed)"));
    }

    @Test
    void shouldPublishPackArchivedAsItsGolden() {
        EventContracts.assertPublishes(PackEvents.PackArchived.TYPE,
                new PackEvents.PackArchived(PACK, 2, CREATOR, Instant.parse("2026-11-28T09:00:00Z")));
    }
}
