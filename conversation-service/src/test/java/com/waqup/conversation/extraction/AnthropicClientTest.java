package com.waqup.conversation.extraction;

import java.time.Duration;

import com.waqup.common.llm.AnthropicStructuredClient;
import com.waqup.common.llm.LlmProperties;
import com.waqup.common.llm.StructuredOutputClient;
import com.waqup.conversation.dialogue.ContentType;
import com.waqup.conversation.dialogue.DialogueState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.waqup.conversation.extraction.LlmFixtures.fallbacks;
import static com.waqup.conversation.extraction.LlmFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** Anthropic's Messages API with a forced tool call as structured output (fixtures: llm/anthropic/*.json). */
class AnthropicClientTest extends VendorContractTest {

    private static final String KEY = "sk-ant-test-9d1e";

    @Override
    String provider() {
        return "anthropic";
    }

    @Override
    String path() {
        return "/v1/messages";
    }

    @Override
    String apiKey() {
        return KEY;
    }

    @Override
    StructuredOutputClient client(String baseUrl, Duration timeout) {
        return new AnthropicStructuredClient(LlmFixtures.http(baseUrl, timeout),
                new LlmProperties.Anthropic(baseUrl, KEY, "claude-3-5-haiku-latest", "2023-06-01"));
    }

    @Override
    String errorBody(int status) {
        return fixture("anthropic/error-" + status + ".json");
    }

    @Override
    int transientStatus() {
        return 529;
    }

    @Override
    String malformedAnswer() {
        return fixture("anthropic/missing-fields.json");
    }

    @Test
    void shouldSendTheDocumentedMessagesRequest() {
        extractFromTheGoodAnswer();

        vendor.verify(1, postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withHeader("Content-Type", containing("application/json"))
                .withoutHeader("Authorization"));
        JsonNode body = sentBody();
        assertThat(body.path("model").stringValue()).isEqualTo("claude-3-5-haiku-latest");
        assertThat(body.path("max_tokens").intValue()).isEqualTo(512);
        assertThat(body.path("temperature").intValue()).isZero();
        assertThat(body.path("system").stringValue()).isEqualTo(ExtractionPrompt.SYSTEM);
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").path(0).path("role").stringValue()).isEqualTo("user");
        assertUserTurn(body.path("messages").path(0).path("content").stringValue());
        assertThat(body.path("tools")).hasSize(1);
        assertThat(body.path("tools").path(0).path("name").stringValue()).isEqualTo("extraction");
        assertThat(body.path("tools").path(0).path("input_schema")).isEqualTo(ExtractionPrompt.schema());
        assertThat(body.path("tool_choice").path("type").stringValue()).isEqualTo("tool");
        assertThat(body.path("tool_choice").path("name").stringValue()).isEqualTo("extraction");
    }

    @Test
    void shouldFallBackWhenTheModelAnswersWithTextInsteadOfTheTool() {
        vendor.stubFor(post(path()).willReturn(okJson(fixture("anthropic/text-only.json"))));

        assertThat(extractor.extract(OFFLINE_MESSAGE, ContentType.RITUAL, DialogueState.ContextGathering).slots().intent)
                .isEqualTo("wind_down");
        assertThat(fallbacks(meters, "anthropic", "malformed")).isEqualTo(1);
    }
}
