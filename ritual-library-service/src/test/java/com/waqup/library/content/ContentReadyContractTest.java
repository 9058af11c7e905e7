package com.waqup.library.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.EventContracts;
import com.waqup.library.content.ContentReadyConsumer.ContentReady;
import org.junit.jupiter.api.Test;

/** The library reads content-generation's {@code content.ready} as content-generation publishes it. */
class ContentReadyContractTest {

    @Test
    void shouldReadEverythingTheLibraryKeepsFromTheProducersEvent() {
        EventEnvelope<ContentReady> event = EventContracts.consume(ContentReady.TYPE, ContentReady.class);
        ContentReady ready = event.data();

        assertThat(ready.contentId()).hasToString("9a1c5f64-2f4b-3c1d-8e3a-1b2c3d4e5f60");
        assertThat(ready.userId()).hasToString("5b0d6a8e-1f2e-4c3d-9a8b-7c6d5e4f3a2b");
        assertThat(ready.version()).isEqualTo(1);
        assertThat(ready.contentType()).isEqualTo("guided_meditation");
        assertThat(ready.title()).isEqualTo("Evening Calm");
        assertThat(ready.contentText()).startsWith("Welcome.");
        assertThat(ready.structure().path("sections")).hasSize(2);
        assertThat(ready.context().path("intent").asString()).isEqualTo("sleep");
        assertThat(ready.tags()).contains("sleep");
        assertThat(ready.depth()).isEqualTo("medium");
        assertThat(ready.voice().id()).isEqualTo("en-us-female");
        assertThat(ready.audioKey()).endsWith("/1.mp3");
        assertThat(ready.audioFormat()).isEqualTo("mp3");
        assertThat(ready.audioDuration()).isEqualTo(301);
        assertThat(ready.audioSizeBytes()).isEqualTo(4823110L);
        assertThat(ready.createdAt()).isEqualTo(Instant.parse("2026-11-27T17:00:00Z"));
    }
}
