package com.waqup.conversation.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.waqup.common.test.EventContracts;
import org.junit.jupiter.api.Test;

/** The WebSocket pushes read content-generation's events as content-generation publishes them. */
class GenerationNewsContractTest {

    static final UUID RITUAL = UUID.fromString("9a1c5f64-2f4b-3c1d-8e3a-1b2c3d4e5f60");
    static final UUID OWNER = UUID.fromString("5b0d6a8e-1f2e-4c3d-9a8b-7c6d5e4f3a2b");

    @Test
    void shouldReadTheReadyItemAndItsOwner() {
        GenerationEvents.ContentReady ready = EventContracts.consume(GenerationEvents.ContentReady.TYPE,
                GenerationEvents.ContentReady.class).data();

        assertThat(ready.ritualId()).isEqualTo(RITUAL);
        assertThat(ready.userId()).isEqualTo(OWNER);
        assertThat(ready.title()).isEqualTo("Evening Calm");
    }

    @Test
    void shouldReadTheFailureAndItsReason() {
        GenerationEvents.GenerationFailed failed = EventContracts.consume(GenerationEvents.GenerationFailed.TYPE,
                GenerationEvents.GenerationFailed.class).data();

        assertThat(failed.ritualId()).isEqualTo(RITUAL);
        assertThat(failed.userId()).isEqualTo(OWNER);
        assertThat(failed.reason()).isEqualTo("The audio could not be produced: the voice engine stopped");
    }

    @Test
    void shouldReadTheProgress() {
        GenerationEvents.GenerationProgress progress = EventContracts.consume(GenerationEvents.GenerationProgress.TYPE,
                GenerationEvents.GenerationProgress.class).data();

        assertThat(progress.ritualId()).isEqualTo(RITUAL);
        assertThat(progress.userId()).isEqualTo(OWNER);
        assertThat(progress.status()).isEqualTo("voicing");
        assertThat(progress.progress()).isEqualTo(63);
    }
}
