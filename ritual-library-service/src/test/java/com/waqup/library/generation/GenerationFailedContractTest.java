package com.waqup.library.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.EventContracts;
import com.waqup.library.generation.GenerationFailedConsumer.GenerationFailed;
import org.junit.jupiter.api.Test;

/** The library reads content-generation's {@code generation.failed} as content-generation publishes it. */
class GenerationFailedContractTest {

    @Test
    void shouldReadTheJobTheItemAndTheReasonFromTheProducersEvent() {
        EventEnvelope<GenerationFailed> event = EventContracts.consume(GenerationFailed.TYPE, GenerationFailed.class);
        GenerationFailed failed = event.data();

        assertThat(failed.jobId()).hasToString("9a1c5f64-2f4b-3c1d-8e3a-1b2c3d4e5f60");
        assertThat(failed.contentId()).hasToString("9a1c5f64-2f4b-3c1d-8e3a-1b2c3d4e5f60");
        assertThat(failed.userId()).hasToString("5b0d6a8e-1f2e-4c3d-9a8b-7c6d5e4f3a2b");
        assertThat(failed.code()).isEqualTo("TTS_FAILED");
        assertThat(failed.reason()).startsWith("The audio could not be produced");
    }
}
