package com.waqup.generation.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * content-generation-service's settings (docs/generation.md).
 *
 * @param creditServiceUrl     credit-service's base URL (holds for generation jobs)
 * @param creditConnectTimeout how long a call to credit-service may wait for a connection
 * @param creditReadTimeout    how long a call to credit-service may wait for its answer
 * @param estimate             how {@code estimated_time} is computed
 */
@ConfigurationProperties("waqup.generation")
@Validated
public record GenerationProperties(
        @NotNull URI creditServiceUrl,
        @NotNull @DefaultValue("2s") Duration creditConnectTimeout,
        @NotNull @DefaultValue("5s") Duration creditReadTimeout,
        @NotNull @Valid Estimate estimate) {

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
            @NotNull @DefaultValue("10s") Duration overhead,
            @NotNull @DefaultValue("5s") Duration renderPerAudioMinute,
            @NotNull @DefaultValue("30s") Duration minDuration,
            @NotNull @DefaultValue("60m") Duration maxDuration,
            @NotEmpty Map<String, @NotNull Duration> defaultDurations) {
    }
}
