package com.waqup.audio.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.waqup.common.test.EventContracts;
import org.junit.jupiter.api.Test;

/**
 * Pins the wire shape of the events this service publishes (docs/events.md) to their golden JSON, and reads the work
 * it consumes ({@code audio.requested}) from content-generation's.
 */
class AudioEventsGoldenTest {

    private static final UUID JOB = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID USER = UUID.fromString("22222222-2222-2222-2222-222222222222");

    @Test
    void shouldKeepTheAudioProgressShape() {
        EventContracts.assertPublishes(AudioEvents.AudioProgress.TYPE, new AudioEvents.AudioProgress(JOB, JOB, USER, 1, 60, "mixing"));
    }

    @Test
    void shouldKeepTheAudioCompletedShape() {
        String key = "audio/" + USER + "/" + JOB + "/1";
        AudioEvents.AudioCompleted completed = new AudioEvents.AudioCompleted(JOB, JOB, USER, 1, key + ".mp3", "waqup-audio", "mp3",
                "audio/mpeg", 301.4, 128, 44100, 4823110, -16.0, -1.2,
                new AudioEvents.VoiceRef("elevenlabs:21m00Tcm4TlvDq8Ikwcn", "Rachel", "elevenlabs"),
                List.of(new AudioEvents.ExtraFormat("ogg", key + ".ogg", 1234)));
        EventContracts.assertPublishes(AudioEvents.AudioCompleted.TYPE, completed);
    }

    @Test
    void shouldKeepTheAudioFailedShape() {
        EventContracts.assertPublishes(AudioEvents.AudioFailed.TYPE, new AudioEvents.AudioFailed(JOB, JOB, USER, 1, "TTS_FAILED",
                "speech synthesis failed (elevenlabs): elevenlabs answered HTTP 401", false));
    }

    @Test
    void shouldReadTheWorkFromContentGenerationsAudioRequested() {
        AudioRequested request = EventContracts.consume(AudioRequested.TYPE, AudioRequested.class).data();

        assertThat(request.identified()).isTrue();
        assertThat(request.version()).isEqualTo(1);
        assertThat(request.contentType()).isEqualTo("guided_meditation");
        assertThat(request.voiceId()).isEqualTo("en-us-female");
        assertThat(request.pace()).isEqualTo("slow");
        assertThat(request.background().sound()).isEqualTo("pink_noise");
        assertThat(request.background().levelDb()).isEqualTo(-30.0);
        assertThat(request.formats()).containsExactly("mp3");
        assertThat(request.targetDurationSeconds()).isEqualTo(120.0);
        assertThat(request.segments()).hasSize(6);
        assertThat(request.segments().get(0).text()).isEqualTo("Welcome. Let's begin.");
        assertThat(request.segments().get(0).pauseAfter()).isEqualTo(4.5);
        assertThat(RequestValidator.problem(request)).as("within the limits").isEmpty();
    }
}
