package com.waqup.audio.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Pins the wire shape of the events this service publishes (docs/events.md). */
class AudioEventsGoldenTest {

    private static final JsonMapper JSON = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private static final UUID JOB = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID USER = UUID.fromString("22222222-2222-2222-2222-222222222222");

    private static JsonNode golden(String name) throws Exception {
        try (InputStream in = AudioEventsGoldenTest.class.getResourceAsStream("/events/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void shouldKeepTheAudioProgressShape() throws Exception {
        assertThat(JSON.valueToTree(new AudioEvents.AudioProgress(JOB, JOB, USER, 1, 60, "mixing")).toString())
                .isEqualTo(golden("audio.progress.json").toString());
    }

    @Test
    void shouldKeepTheAudioCompletedShape() throws Exception {
        String key = "audio/" + USER + "/" + JOB + "/1";
        AudioEvents.AudioCompleted completed = new AudioEvents.AudioCompleted(JOB, JOB, USER, 1, key + ".mp3", "waqup-audio", "mp3",
                "audio/mpeg", 301.4, 128, 44100, 4823110, -16.0, -1.2,
                new AudioEvents.VoiceRef("elevenlabs:21m00Tcm4TlvDq8Ikwcn", "Rachel", "elevenlabs"),
                java.util.List.of(new AudioEvents.ExtraFormat("ogg", key + ".ogg", 1234)));
        assertThat(JSON.valueToTree(completed).toString()).isEqualTo(golden("audio.completed.json").toString());
    }

    @Test
    void shouldKeepTheAudioFailedShape() throws Exception {
        assertThat(JSON.valueToTree(new AudioEvents.AudioFailed(JOB, JOB, USER, 1, "TTS_FAILED",
                "speech synthesis failed (elevenlabs): elevenlabs answered HTTP 401", false)).toString())
                .isEqualTo(golden("audio.failed.json").toString());
    }
}
