package com.waqup.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.privacy.UserDeleted;
import com.waqup.common.privacy.UserDeletionRequested;
import com.waqup.common.test.EventContracts;
import com.waqup.user.auth.UserRegistered;
import org.junit.jupiter.api.Test;

/** The events user-service publishes, pinned to their golden JSON, and the one it consumes, read from its producer's. */
class EventContractsTest {

    static final UUID USER = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

    @Test
    void shouldPublishUserRegisteredAsTheGoldenJson() {
        EventContracts.assertPublishes(UserRegistered.TYPE, new UserRegistered(USER, Instant.parse("2026-11-27T16:55:00Z")));
    }

    @Test
    void shouldPublishUserDeletionRequestedAsTheGoldenJson() {
        EventContracts.assertPublishes(UserDeletionRequested.TYPE,
                new UserDeletionRequested(USER, Instant.parse("2026-11-27T18:00:00Z")));
    }

    @Test
    void shouldReadAServicesErasureConfirmation() {
        EventEnvelope<UserDeleted> event = EventContracts.consume(UserDeleted.type("ritual-library"), UserDeleted.class);

        assertThat(event.data().userId()).isEqualTo(USER);
        assertThat(event.data().service()).isEqualTo("ritual-library");
        assertThat(event.data().rowsDeleted()).isEqualTo(12);
    }
}
