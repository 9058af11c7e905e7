package com.waqup.common.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.EventContracts;
import org.junit.jupiter.api.Test;

/** Every service's erasure consumer reads user-service's {@code user.deletion_requested} as it is published. */
class UserDeletionRequestedContractTest {

    @Test
    void shouldReadThePersonToErase() {
        EventEnvelope<UserDeletionRequested> event = EventContracts.consume(UserDeletionRequested.TYPE,
                UserDeletionRequested.class);

        assertThat(event.data().userId()).isEqualTo(UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"));
    }
}
