package com.waqup.audio.job;

import java.util.List;
import java.util.UUID;

/**
 * The events this service publishes (docs/events.md), each record with its type; a golden JSON test pins each shape
 * ({@code contracts/events/<type>.json}).
 */
final class AudioEvents {

    private AudioEvents() {
    }

    record AudioProgress(UUID jobId, UUID contentId, UUID userId, int version, int progress, String stage) {

        static final String TYPE = "audio.progress";
    }

    record VoiceRef(String id, String name, String provider) {
    }

    record ExtraFormat(String format, String audioKey, long sizeBytes) {
    }

    record AudioCompleted(UUID jobId, UUID contentId, UUID userId, int version, String audioKey, String bucket, String format,
            String contentTypeHeader, double durationSeconds, int bitrateKbps, int sampleRateHz, long sizeBytes,
            double loudnessLufs, double truePeakDbtp, VoiceRef voice, List<ExtraFormat> extraFormats) {

        static final String TYPE = "audio.completed";
    }

    record AudioFailed(UUID jobId, UUID contentId, UUID userId, int version, String code, String reason, boolean retryable) {

        static final String TYPE = "audio.failed";
    }
}
