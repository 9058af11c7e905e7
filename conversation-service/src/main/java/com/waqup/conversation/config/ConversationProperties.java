package com.waqup.conversation.config;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param sessionTtl           how long an idle session lives in Redis (refreshed on every turn)
 * @param userServiceUrl       for profile defaults (voice, pace, tone)
 * @param creditServiceUrl     for the cost and balance shown at confirmation
 * @param generationServiceUrl where {@code complete} starts the generation job
 * @param fallbackCosts        costs shown when credit-service cannot be asked
 */
@ConfigurationProperties("waqup.conversation")
@Validated
public record ConversationProperties(
        @NotNull @DefaultValue("1h") Duration sessionTtl,
        @NotNull String userServiceUrl,
        @NotNull String creditServiceUrl,
        @NotNull String generationServiceUrl,
        @NotEmpty Map<String, Integer> fallbackCosts) {
}
