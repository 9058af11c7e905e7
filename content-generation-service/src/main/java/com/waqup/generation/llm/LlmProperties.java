package com.waqup.generation.llm;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Which writer writes scripts and how an LLM is reached. A provider that needs a key and has none refuses to start
 * (naming the variable to set); {@code toString()} never prints a key.
 *
 * @param provider    {@code composer} (offline, the default), {@code openai} or {@code anthropic}
 * @param timeout     connect and read timeout of one vendor call (a whole script takes a while to generate)
 * @param maxAttempts calls per script, the first included, when the vendor times out or answers 429/5xx
 * @param retryDelay  pause before the first retry (doubling after that)
 */
@ConfigurationProperties("waqup.llm")
@Validated
record LlmProperties(
        @NotNull @DefaultValue("composer") Provider provider,
        @Valid @NotNull @DefaultValue OpenAi openai,
        @Valid @NotNull @DefaultValue Anthropic anthropic,
        @NotNull @DefaultValue("40s") Duration timeout,
        @Min(1) @Max(6) @DefaultValue("3") int maxAttempts,
        @NotNull @DefaultValue("1s") Duration retryDelay) {

    enum Provider {
        COMPOSER, OPENAI, ANTHROPIC
    }

    LlmProperties {
        if (provider == Provider.OPENAI && openai != null && !StringUtils.hasText(openai.apiKey())) {
            throw new IllegalArgumentException("waqup.llm.provider=openai needs an API key: set OPENAI_API_KEY "
                    + "(waqup.llm.openai.api-key), or use waqup.llm.provider=composer for the offline writer");
        }
        if (provider == Provider.ANTHROPIC && anthropic != null && !StringUtils.hasText(anthropic.apiKey())) {
            throw new IllegalArgumentException("waqup.llm.provider=anthropic needs an API key: set ANTHROPIC_API_KEY "
                    + "(waqup.llm.anthropic.api-key), or use waqup.llm.provider=composer for the offline writer");
        }
    }

    /** OpenAI's Chat Completions API. */
    record OpenAi(
            @NotNull @DefaultValue("https://api.openai.com") String baseUrl,
            @DefaultValue("") String apiKey,
            @NotNull @DefaultValue("gpt-4o-mini") String model) {

        @Override
        public String toString() {
            return "OpenAi[baseUrl=" + baseUrl + ", apiKey=" + mask(apiKey) + ", model=" + model + "]";
        }
    }

    /** Anthropic's Messages API. */
    record Anthropic(
            @NotNull @DefaultValue("https://api.anthropic.com") String baseUrl,
            @DefaultValue("") String apiKey,
            @NotNull @DefaultValue("claude-sonnet-4-5") String model,
            @NotNull @DefaultValue("2023-06-01") String version) {

        @Override
        public String toString() {
            return "Anthropic[baseUrl=" + baseUrl + ", apiKey=" + mask(apiKey) + ", model=" + model + ", version="
                    + version + "]";
        }
    }

    static String mask(String key) {
        return StringUtils.hasText(key) ? "****" : "(none)";
    }
}
