package com.waqup.audio.job;

import java.util.List;
import java.util.UUID;

/** The events this service publishes (docs/events.md); a golden JSON test pins each shape. */
final class AudioEvents {

    static final String PROGRESS = "audio.progress";
    static final String COMPLETED = "audio.completed";
    static final String FAILED = "audio.failed";

    private AudioEvents() {
    }

    record AudioProgress(UUID jobId, UUID contentId, UUID userId, int version, int progress, String stage) {
    }

    record VoiceRef(String id, String name, String provider) {
    }

    record ExtraFormat(String format, String audioKey, long sizeBytes) {
    }

    record AudioCompleted(UUID jobId, UUID contentId, UUID userId, int version, String audioKey, String bucket, String format,
            String contentTypeHeader, double durationSeconds, int bitrateKbps, int sampleRateHz, long sizeBytes,
            double loudnessLufs, double truePeakDbtp, VoiceRef voice, List<ExtraFormat> extraFormats) {
    }

    record AudioFailed(UUID jobId, UUID contentId, UUID userId, int version, String code, String reason, boolean retryable) {
    }
}
