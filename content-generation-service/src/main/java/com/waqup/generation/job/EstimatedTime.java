package com.waqup.generation.job;

import java.time.Duration;

import com.waqup.generation.config.GenerationProperties;
import tools.jackson.databind.JsonNode;

/**
 * How long a job should take, in whole seconds, from the length of the audio it renders with the offline engine
 * (composer + espeak-ng + ffmpeg): {@code overhead + ceil(audio seconds × renderPerAudioMinute / 60)}. The audio
 * length is the request's {@code duration_seconds} (an integer, clamped to [minDuration, maxDuration]) or, when it
 * names none, the content type's default. See docs/generation.md for the figures behind the defaults.
 */
final class EstimatedTime {

    static final String DURATION_SLOT = "duration_seconds";

    private final GenerationProperties.Estimate settings;

    EstimatedTime(GenerationProperties.Estimate settings) {
        this.settings = settings;
    }

    int seconds(ContentType type, JsonNode request) {
        long audioSeconds = audioSeconds(type, request);
        long renderMillis = audioSeconds * settings.renderPerAudioMinute().toMillis();
        long render = (renderMillis + 59_999) / 60_000; // ceil(audio × per-minute / 60 s), in seconds
        return Math.toIntExact(settings.overhead().toSeconds() + render);
    }

    /** The audio length the estimate assumes. */
    long audioSeconds(ContentType type, JsonNode request) {
        JsonNode requested = request == null ? null : request.get(DURATION_SLOT);
        if (requested != null && requested.isIntegralNumber() && requested.canConvertToLong()) {
            return Math.clamp(requested.longValue(), settings.minDuration().toSeconds(), settings.maxDuration().toSeconds());
        }
        Duration fallback = settings.defaultDurations().get(type.code());
        if (fallback == null) {
            throw new IllegalStateException("no default duration configured for " + type.code());
        }
        return fallback.toSeconds();
    }
}
