package com.waqup.common.llm;

import java.time.Duration;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import com.waqup.common.http.VendorHttp;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.client.RestClient;

/**
 * Which LLM (if any) a service calls, and how it is reached (docs/llm.md): conversation-service's slot extractor
 * and content-generation-service's script writer bind {@code waqup.llm} to this record. A provider that needs a key
 * and has none refuses to start: the service fails at startup with the name of the variable to set, instead of
 * sending every call to a vendor that answers 401. {@code toString()} never prints a key.
 *
 * <p>The defaults here suit an interactive call (a person waits for the answer); each service's
 * {@code application.yml} sets its own values (content-generation: 40 s, 3 attempts, 1 s, a larger Anthropic model
 * for whole scripts).
 *
 * @param provider    {@code composer} (no LLM: the service's offline default), {@code openai} or {@code anthropic}
 * @param timeout     connect and read timeout of one vendor call
 * @param maxAttempts calls per request, first one included, when the vendor times out or answers 429/5xx
 * @param retryDelay  pause before the first retry (doubling after that, at most eight times this)
 */
@ConfigurationProperties("waqup.llm")
@Validated
public record LlmProperties(
        @NotNull @DefaultValue("composer") Provider provider,
        @Valid @NotNull @DefaultValue OpenAi openai,
        @Valid @NotNull @DefaultValue Anthropic anthropic,
        @NotNull @DefaultValue("5s") Duration timeout,
        @Min(1) @Max(6) @DefaultValue("2") int maxAttempts,
        @NotNull @DefaultValue("250ms") Duration retryDelay) {

    public enum Provider {
        COMPOSER, OPENAI, ANTHROPIC;

        /** The value as configured and as the {@code provider} tag of the metrics. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LlmProperties {
        if (provider == Provider.OPENAI && openai != null && !StringUtils.hasText(openai.apiKey())) {
            throw new IllegalArgumentException("waqup.llm.provider=openai needs an API key: set OPENAI_API_KEY "
                    + "(waqup.llm.openai.api-key), or use waqup.llm.provider=composer for the offline default");
        }
        if (provider == Provider.ANTHROPIC && anthropic != null && !StringUtils.hasText(anthropic.apiKey())) {
            throw new IllegalArgumentException("waqup.llm.provider=anthropic needs an API key: set ANTHROPIC_API_KEY "
                    + "(waqup.llm.anthropic.api-key), or use waqup.llm.provider=composer for the offline default");
        }
    }

    /** The HTTP client of {@code vendor} (openai or anthropic) with this configuration's timeout and retries. */
    public VendorHttp vendorHttp(RestClient.Builder builder, Provider vendor) {
        String baseUrl = switch (vendor) {
            case OPENAI -> openai.baseUrl();
            case ANTHROPIC -> anthropic.baseUrl();
            case COMPOSER -> throw new IllegalArgumentException("the composer calls no vendor");
        };
        return new VendorHttp(builder, vendor.code(), baseUrl, timeout, maxAttempts, retryDelay);
    }

    /**
     * The structured-output client of the configured provider (openai or anthropic) with this configuration's model,
     * key, timeout and retries.
     */
    public StructuredOutputClient structuredOutputClient(RestClient.Builder builder) {
        return switch (provider) {
            case OPENAI -> new OpenAiStructuredClient(vendorHttp(builder, Provider.OPENAI), openai);
            case ANTHROPIC -> new AnthropicStructuredClient(vendorHttp(builder, Provider.ANTHROPIC), anthropic);
            case COMPOSER -> throw new IllegalStateException("waqup.llm.provider=composer calls no vendor");
        };
    }

    /** OpenAI's Chat Completions API, or any server that speaks it. */
    public record OpenAi(
            @NotNull @DefaultValue("https://api.openai.com") String baseUrl,
            @DefaultValue("") String apiKey,
            @NotNull @DefaultValue("gpt-4o-mini") String model) {

        @Override
        public String toString() {
            return "OpenAi[baseUrl=" + baseUrl + ", apiKey=" + mask(apiKey) + ", model=" + model + "]";
        }
    }

    /** Anthropic's Messages API. */
    public record Anthropic(
            @NotNull @DefaultValue("https://api.anthropic.com") String baseUrl,
            @DefaultValue("") String apiKey,
            @NotNull @DefaultValue("claude-3-5-haiku-latest") String model,
            @NotNull @DefaultValue("2023-06-01") String version) {

        @Override
        public String toString() {
            return "Anthropic[baseUrl=" + baseUrl + ", apiKey=" + mask(apiKey) + ", model=" + model + ", version=" + version + "]";
        }
    }

    private static String mask(String key) {
        return StringUtils.hasText(key) ? "******" : "(none)";
    }
}
