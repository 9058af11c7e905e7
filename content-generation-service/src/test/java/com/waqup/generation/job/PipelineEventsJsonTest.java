package com.waqup.generation.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.EventContracts;
import com.waqup.generation.config.GenerationProperties;
import com.waqup.generation.job.PipelineEvents.AudioCompleted;
import com.waqup.generation.job.PipelineEvents.AudioFailed;
import com.waqup.generation.job.PipelineEvents.AudioProgress;
import com.waqup.generation.job.PipelineEvents.AudioRequested;
import com.waqup.generation.job.PipelineEvents.ContentReady;
import com.waqup.generation.job.PipelineEvents.GenerationFailed;
import com.waqup.generation.job.PipelineEvents.GenerationProgress;
import com.waqup.generation.job.PipelineEvents.Structure;
import com.waqup.generation.job.PipelineEvents.Voice;
import com.waqup.generation.script.Depth;
import com.waqup.generation.script.Script;
import com.waqup.generation.script.ScriptType;
import com.waqup.generation.script.Section;
import com.waqup.generation.script.SectionKind;
import com.waqup.generation.script.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Golden JSON of every event this service publishes (docs/events.md): the records serialized with the platform's
 * conventions must equal {@code contracts/events/<type>.json} exactly, field for field; and the events it consumes
 * (audio-generation's) read from their producer's golden JSON.
 */
class PipelineEventsJsonTest {
    static final UUID JOB = UUID.fromString("9a1c5f64-2f4b-3c1d-8e3a-1b2c3d4e5f60");
    static final UUID USER = UUID.fromString("5b0d6a8e-1f2e-4c3d-9a8b-7c6d5e4f3a2b");
    static final GenerationProperties.Pipeline SETTINGS = new GenerationProperties.Pipeline(Duration.ofMinutes(10),
            Duration.ofMinutes(3), 2, Duration.ofSeconds(5), 2, -30, List.of("mp3"));

    @Test
    void shouldMatchTheGoldenAudioRequested() {
        GenerationJob job = GenerationJob.queue("session-42", USER, ContentType.GUIDED_MEDITATION, 2, "{}", 35, Instant.EPOCH);
        ReflectionTestUtils.setField(job, "id", JOB);
        ReflectionTestUtils.setField(job, "contentId", JOB); // a creation: the item has the job's id
        Script script = new Script("Evening Calm", ScriptType.GUIDED_MEDITATION, List.of(
                new Section(SectionKind.SETTLING, List.of(new Segment("Welcome. Let's begin.", 4.5))),
                new Section(SectionKind.BREATH, List.of(new Segment("Breathe in slowly through your nose.", 4.0),
                        new Segment("And breathe out, slow and long.", 6.0))),
                new Section(SectionKind.BODY, List.of(new Segment("Bring your attention to your feet.", 8.0))),
                new Section(SectionKind.VISUALIZATION, List.of(new Segment("Rest here for a while.", 25.0))),
                new Section(SectionKind.RETURN, List.of(new Segment("Welcome back.", 1.0)))),
                List.of("calm"), Depth.MEDIUM, 120, "en");
        Map<String, Object> request = Map.of("voice_id", "en-us-female", "pace", "Slow", "background_sound", "pink_noise");

        EventContracts.assertPublishes(AudioRequested.TYPE, JobEvents.audioRequestOf(job, script, request, SETTINGS));
    }

    @Test
    void shouldMatchTheGoldenGenerationProgressAndFailed() {
        EventContracts.assertPublishes(GenerationProgress.TYPE,
                new GenerationProgress(JOB, JOB, JOB, USER, "session-42", "voicing", 63));
        EventContracts.assertPublishes(GenerationFailed.TYPE, new GenerationFailed(JOB, JOB, JOB, USER, "session-42",
                "TTS_FAILED", "The audio could not be produced: the voice engine stopped", true));
    }

    @Test
    void shouldMatchTheGoldenContentReady() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("intent", "sleep");
        context.put("time_of_day", "evening");
        context.put("place", "bed");
        context.put("duration_seconds", 300);
        ContentReady ready = new ContentReady(JOB, JOB, JOB, USER, "session-42", 1, "guided_meditation", "Evening Calm",
                "Welcome. Let's begin.\n\nBreathe in slowly.",
                new Structure("guided_meditation", List.of(
                        new Section(SectionKind.SETTLING, List.of(new Segment("Welcome. Let's begin.", 4.5))),
                        new Section(SectionKind.BREATH, List.of(new Segment("Breathe in slowly.", 4.0)))), 300, "en"),
                context, List.of("sleep", "guided_meditation", "evening", "bed"), "medium", new Voice("en-us-female", "Ava"),
                "audio/" + USER + "/" + JOB + "/1.mp3", "mp3", 301, 4823110, 128, 2, Instant.parse("2026-11-27T17:00:00Z"));

        EventContracts.assertPublishes(ContentReady.TYPE, ready);
    }

    @Test
    void shouldReadAudioGenerationsProgressCompletionAndFailure() {
        AudioProgress progress = EventContracts.consume(AudioProgress.TYPE, AudioProgress.class).data();
        assertThat(progress.jobId()).isNotNull();
        assertThat(progress.version()).isEqualTo(1);
        assertThat(progress.progress()).isEqualTo(60);

        AudioCompleted completed = EventContracts.consume(AudioCompleted.TYPE, AudioCompleted.class).data();
        assertThat(completed.jobId()).isEqualTo(progress.jobId());
        assertThat(completed.audioKey()).endsWith("/1.mp3");
        assertThat(completed.format()).isEqualTo("mp3");
        assertThat(completed.durationSeconds()).isEqualTo(301.4);
        assertThat(completed.sizeBytes()).isEqualTo(4823110L);
        assertThat(completed.bitrateKbps()).isEqualTo(128);
        assertThat(completed.voice().id()).isEqualTo("elevenlabs:21m00Tcm4TlvDq8Ikwcn");

        AudioFailed failed = EventContracts.consume(AudioFailed.TYPE, AudioFailed.class).data();
        assertThat(failed.jobId()).isEqualTo(progress.jobId());
        assertThat(failed.code()).isEqualTo("TTS_FAILED");
        assertThat(failed.reason()).isNotBlank();
    }

    @Test
    void shouldSendNoBedForNoneUnknownOrMissingSounds() {
        assertThat(JobEvents.background(Map.of("background_sound", "none"), -30)).isNull();
        assertThat(JobEvents.background(Map.of("background_sound", "thunder"), -30)).isNull();
        assertThat(JobEvents.background(Map.of(), -30)).isNull();
        assertThat(JobEvents.background(Map.of("background_sound", "Singing_Bowl"), -24).sound()).isEqualTo("singing_bowl");
        assertThat(JobEvents.voiceId(Map.of("voice_id", " "))).isNull();
    }

    @Test
    void shouldMapTheAudiosProgressIntoTheVoicingRange() {
        assertThat(AudioEventListeners.overall(0)).isEqualTo(30);
        assertThat(AudioEventListeners.overall(50)).isEqualTo(63);
        assertThat(AudioEventListeners.overall(100)).isEqualTo(95);
        assertThat(AudioEventListeners.overall(250)).as("clamped").isEqualTo(95);
        assertThat(AudioEventListeners.overall(-5)).isEqualTo(30);
    }
}
