package com.waqup.conversation.config;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The services this one calls are in {@code waqup.services} (user: profile defaults; credit: the cost and balance
 * shown at confirmation; content-generation: where {@code complete} starts the generation job).
 *
 * @param sessionTtl           how long an idle session lives in Redis (refreshed on every turn)
 * @param fallbackCosts        costs shown when credit-service cannot be asked
 */
@ConfigurationProperties("waqup.conversation")
@Validated
public record ConversationProperties(
        @NotNull @DefaultValue("1h") Duration sessionTtl,
        @NotEmpty Map<String, Integer> fallbackCosts) {
}
