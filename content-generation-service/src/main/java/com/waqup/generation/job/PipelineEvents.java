package com.waqup.generation.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.generation.script.Section;

/**
 * The {@code data} of the events this service publishes and consumes (docs/events.md, binding). Golden JSON tests
 * pin the published shapes ({@code src/test/resources/events/*.json}).
 */
public final class PipelineEvents {

    public static final String AUDIO_REQUESTED = "audio.requested";
    public static final String AUDIO_PROGRESS = "audio.progress";
    public static final String AUDIO_COMPLETED = "audio.completed";
    public static final String AUDIO_FAILED = "audio.failed";
    public static final String GENERATION_PROGRESS = "generation.progress";
    public static final String GENERATION_FAILED = "generation.failed";
    public static final String CONTENT_READY = "content.ready";

    private PipelineEvents() {
    }

    // ---- out -----------------------------------------------------------------------------------------------

    /** Voice this script: one audio per {@code (job_id, version)}. */
    public record AudioRequested(UUID jobId, UUID contentId, UUID userId, int version, String contentType, String voiceId,
            String pace, Background background, List<String> formats, int targetDurationSeconds,
            List<AudioSegment> segments) {
    }

    /** The quiet bed under the voice; {@code null} in {@link AudioRequested} for none. */
    public record Background(String sound, double levelDb) {
    }

    public record AudioSegment(int index, String text, double pauseAfter) {
    }

    /** {@code status}: writing or voicing; {@code progress} 0–99. */
    public record GenerationProgress(UUID jobId, UUID ritualId, UUID contentId, UUID userId, String sessionId,
            String status, int progress) {
    }

    public record GenerationFailed(UUID jobId, UUID ritualId, UUID contentId, UUID userId, String sessionId, String code,
            String reason, boolean creditsReleased) {
    }

    /** Everything the library needs to keep the item (ritual-library); {@code audio_duration} in whole seconds. */
    public record ContentReady(UUID jobId, UUID contentId, UUID ritualId, UUID userId, String sessionId, int version,
            String contentType, String title, String contentText, Structure structure, Map<String, Object> context,
            List<String> tags, String depth, Voice voice, String audioKey, String audioFormat, long audioDuration,
            long audioSizeBytes, int bitrateKbps, int creditsCharged, Instant createdAt) {
    }

    /** The script's structure: the sections and their segments ({@code pause_after} in seconds). */
    public record Structure(String type, List<Section> sections, int targetSeconds, String language) {
    }

    public record Voice(String id, String name) {
    }

    // ---- in (audio-generation) ------------------------------------------------------------------------------

    public record AudioProgress(UUID jobId, UUID contentId, UUID userId, Integer version, Integer progress, String stage) {
    }

    public record AudioCompleted(UUID jobId, UUID contentId, UUID userId, Integer version, String audioKey, String bucket,
            String format, String contentTypeHeader, Double durationSeconds, Integer bitrateKbps, Integer sampleRateHz,
            Long sizeBytes, Double loudnessLufs, Double truePeakDbtp, AudioVoice voice, List<Map<String, Object>> extraFormats) {
    }

    public record AudioVoice(String id, String name, String provider) {
    }

    public record AudioFailed(UUID jobId, UUID contentId, UUID userId, Integer version, String code, String reason,
            Boolean retryable) {
    }
}
