package com.waqup.credit.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.EventContracts;
import com.waqup.credit.onboarding.FreeTierOnRegistration.UserRegistered;
import org.junit.jupiter.api.Test;

/** The free-tier grant reads user-service's {@code user.registered} as user-service publishes it. */
class UserRegisteredContractTest {

    @Test
    void shouldReadTheRegisteredPersonFromUserServicesEvent() {
        EventEnvelope<UserRegistered> event = EventContracts.consume(UserRegistered.TYPE, UserRegistered.class);

        assertThat(event.data().userId()).isEqualTo(UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"));
        assertThat(event.data().registeredAt()).isEqualTo(Instant.parse("2026-11-27T16:55:00Z"));
    }
}
