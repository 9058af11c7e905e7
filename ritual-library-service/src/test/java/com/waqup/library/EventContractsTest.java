package com.waqup.library;

import java.time.Instant;
import java.util.UUID;

import com.waqup.common.privacy.UserDeleted;
import com.waqup.common.test.EventContracts;
import com.waqup.library.practice.PracticeCompleted;
import com.waqup.library.practice.PracticeStarted;
import org.junit.jupiter.api.Test;

/** Golden JSON: the wire shape of every event this service publishes (docs/events.md). */
class EventContractsTest {

    static final UUID USER = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

    @Test
    void shouldSerializePracticeCompletedExactlyAsTheGoldenJson() {
        PracticeCompleted event = new PracticeCompleted(UUID.fromString("7d9f8a52-2f4b-4f7e-9d55-0b6f1d2c3a41"), USER,
                UUID.fromString("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"), "guided_meditation",
                Instant.parse("2026-11-27T17:00:00Z"), Instant.parse("2026-11-27T17:10:00Z"), 600, null);
        EventContracts.assertPublishes(PracticeCompleted.TYPE, event);
    }

    @Test
    void shouldSerializePracticeStartedExactlyAsTheGoldenJson() {
        PracticeStarted event = new PracticeStarted(UUID.fromString("6f5e4d3c-2b1a-4098-8776-655443322110"), USER,
                UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"), "guided_meditation",
                Instant.parse("2026-11-28T21:30:00Z"), UUID.fromString("3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99"));
        EventContracts.assertPublishes(PracticeStarted.TYPE, event);
    }

    @Test
    void shouldSerializeUserDeletedExactlyAsTheGoldenJson() {
        UserDeleted event = new UserDeleted(USER, "ritual-library", Instant.parse("2026-11-27T18:00:00Z"), 12, 3);
        EventContracts.assertPublishes(UserDeleted.type("ritual-library"), event);
    }
}
