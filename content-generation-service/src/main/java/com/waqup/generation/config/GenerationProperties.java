package com.waqup.generation.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * content-generation-service's settings (docs/generation.md); credit-service, which holds every job's credits, is
 * {@code waqup.services.credit}.
 *
 * @param estimate             how {@code estimated_time} is computed
 * @param pipeline             the worker, the sweepers and the audio hand-off
 */
@ConfigurationProperties("waqup.generation")
@Validated
public record GenerationProperties(
        @NotNull @Valid Estimate estimate,
        @NotNull @Valid @DefaultValue Pipeline pipeline) {

    /**
     * @param deadline            a job not ready this long after its creation fails with {@code TIMEOUT} and its
     *                            credits are released; keep it below credit-service's hold TTL (15 min)
     * @param writingTimeout      a job in {@code writing} this long (its writer died) is written again
     * @param maxWritingAttempts  writers a job may start before it fails with {@code WRITER_TIMEOUT}
     * @param sweepInterval       how often queued jobs, stuck writers, deadlines and pending settlements are checked
     *                            (new jobs and audio events do not wait for it: they start the work at once)
     * @param workers             jobs written at the same time (threads of the worker)
     * @param backgroundLevelDb   the bed's level under the voice, sent in {@code audio.requested}
     * @param formats             the audio formats asked for ({@code mp3} always)
     */
    public record Pipeline(
            @NotNull @DefaultValue("10m") Duration deadline,
            @NotNull @DefaultValue("3m") Duration writingTimeout,
            @Min(1) @DefaultValue("2") int maxWritingAttempts,
            @NotNull @DefaultValue("5s") Duration sweepInterval,
            @Min(1) @Max(16) @DefaultValue("2") int workers,
            @DefaultValue("-30") double backgroundLevelDb,
            @NotEmpty @DefaultValue("mp3") List<String> formats) {

        public Pipeline {
            if (formats != null && !formats.contains("mp3")) {
                throw new IllegalArgumentException("waqup.generation.pipeline.formats must contain mp3");
            }
        }
    }

    /**
     * {@code estimated_time = overhead + ceil(audio seconds × renderPerAudioMinute / 60 s)}.
     *
     * @param overhead             queueing, script writing, upload: paid once per job
     * @param renderPerAudioMinute synthesis, silences, music bed, loudness and encoding, per minute of audio
     * @param minDuration          requested durations below this are estimated as this
     * @param maxDuration          requested durations above this are estimated as this
     * @param defaultDurations     per content type, when the request names no {@code duration_seconds}
     */
    public record Estimate(
            @NotNull @DefaultValue("5s") Duration overhead,
            @NotNull @DefaultValue("2s") Duration renderPerAudioMinute,
            @NotNull @DefaultValue("30s") Duration minDuration,
            @NotNull @DefaultValue("60m") Duration maxDuration,
            @NotEmpty Map<String, @NotNull Duration> defaultDurations) {
    }
}
