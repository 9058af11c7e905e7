package com.waqup.generation.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.generation.script.Section;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code data} of the events this service publishes and consumes (docs/events.md, binding), each record with its
 * type. Golden JSON tests pin the published shapes and read the consumed ones ({@code contracts/events/<type>.json}).
 */
public final class PipelineEvents {

    private PipelineEvents() {
    }

    // ---- out -----------------------------------------------------------------------------------------------

    /** Voice this script: one audio per {@code (job_id, version)}. */
    public record AudioRequested(UUID jobId, UUID contentId, UUID userId, int version, String contentType, String voiceId,
            String pace, Background background, List<String> formats, int targetDurationSeconds,
            List<AudioSegment> segments) {

        public static final String TYPE = "audio.requested";
    }

    /** The quiet bed under the voice; {@code null} in {@link AudioRequested} for none. */
    public record Background(String sound, double levelDb) {
    }

    public record AudioSegment(int index, String text, double pauseAfter) {
    }

    /** {@code status}: writing or voicing; {@code progress} 0–99. */
    public record GenerationProgress(UUID jobId, UUID ritualId, UUID contentId, UUID userId, String sessionId,
            String status, int progress) {

        public static final String TYPE = "generation.progress";
    }

    public record GenerationFailed(UUID jobId, UUID ritualId, UUID contentId, UUID userId, String sessionId, String code,
            String reason, boolean creditsReleased) {

        public static final String TYPE = "generation.failed";
    }

    /** Everything the library needs to keep the item (ritual-library); {@code audio_duration} in whole seconds. */
    public record ContentReady(UUID jobId, UUID contentId, UUID ritualId, UUID userId, String sessionId, int version,
            String contentType, String title, String contentText, Structure structure, Map<String, Object> context,
            List<String> tags, String depth, Voice voice, String audioKey, String audioFormat, long audioDuration,
            long audioSizeBytes, int bitrateKbps, int creditsCharged, Instant createdAt) {

        public static final String TYPE = "content.ready";
    }

    /** The script's structure: the sections and their segments ({@code pause_after} in seconds). */
    public record Structure(String type, List<Section> sections, int targetSeconds, String language) {
    }

    public record Voice(String id, String name) {
    }

    // ---- in (audio-generation) ------------------------------------------------------------------------------

    public record AudioProgress(@NotNull UUID jobId, UUID contentId, UUID userId, Integer version, @NotNull Integer progress,
            String stage) {

        public static final String TYPE = "audio.progress";
    }

    public record AudioCompleted(@NotNull UUID jobId, UUID contentId, UUID userId, Integer version, @NotBlank String audioKey,
            String bucket, @NotNull String format, String contentTypeHeader, @NotNull Double durationSeconds,
            Integer bitrateKbps, Integer sampleRateHz, Long sizeBytes, Double loudnessLufs, Double truePeakDbtp,
            AudioVoice voice, List<Map<String, Object>> extraFormats) {

        public static final String TYPE = "audio.completed";
    }

    public record AudioVoice(String id, String name, String provider) {
    }

    public record AudioFailed(@NotNull UUID jobId, UUID contentId, UUID userId, Integer version, String code, String reason,
            Boolean retryable) {

        public static final String TYPE = "audio.failed";
    }
}
