package com.waqup.catalog;

import java.time.Instant;
import java.util.UUID;

import com.waqup.catalog.review.PackRated;
import com.waqup.common.test.EventContracts;
import org.junit.jupiter.api.Test;

/** Golden JSON: the wire shape of every event the catalog publishes. */
class EventContractsTest {

    @Test
    void shouldSerializePackRatedExactlyAsTheGoldenJson() {
        PackRated event = new PackRated(UUID.fromString("3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99"),
                UUID.fromString("5b0d6a8e-1f2e-4c3d-9a8b-7c6d5e4f3a2b"), UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"),
                5, null, 4.8, 127, Instant.parse("2026-11-28T09:00:00Z"));
        EventContracts.assertPublishes(PackRated.TYPE, event);
    }
}
