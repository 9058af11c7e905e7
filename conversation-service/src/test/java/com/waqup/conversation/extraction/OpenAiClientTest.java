package com.waqup.conversation.extraction;

import java.time.Duration;

import com.waqup.common.llm.LlmProperties;
import com.waqup.common.llm.OpenAiStructuredClient;
import com.waqup.common.llm.StructuredOutputClient;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.waqup.conversation.dialogue.ContentType;
import com.waqup.conversation.dialogue.DialogueState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.waqup.conversation.extraction.LlmFixtures.fallbacks;
import static com.waqup.conversation.extraction.LlmFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** OpenAI's Chat Completions API with Structured Outputs (fixtures: llm/openai/*.json). */
class OpenAiClientTest extends VendorContractTest {

    private static final String KEY = "sk-test-openai-5f2c";

    @Override
    String provider() {
        return "openai";
    }

    @Override
    String path() {
        return "/v1/chat/completions";
    }

    @Override
    String apiKey() {
        return KEY;
    }

    @Override
    StructuredOutputClient client(String baseUrl, Duration timeout) {
        return new OpenAiStructuredClient(LlmFixtures.http(baseUrl, timeout), new LlmProperties.OpenAi(baseUrl, KEY, "gpt-4o-mini"));
    }

    @Override
    String errorBody(int status) {
        return fixture("openai/error-" + status + ".json");
    }

    @Override
    int transientStatus() {
        return 500;
    }

    @Override
    String malformedAnswer() {
        return fixture("openai/malformed-content.json");
    }

    @Test
    void shouldSendTheDocumentedChatCompletionsRequest() {
        extractFromTheGoodAnswer();

        vendor.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Content-Type", containing("application/json"))
                .withoutHeader("x-api-key"));
        JsonNode body = sentBody();
        assertThat(body.path("model").stringValue()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("temperature").isNumber()).isTrue();
        assertThat(body.path("temperature").intValue()).isZero();
        assertThat(body.path("messages")).hasSize(2);
        assertThat(body.path("messages").path(0).path("role").stringValue()).isEqualTo("system");
        assertThat(body.path("messages").path(0).path("content").stringValue()).isEqualTo(ExtractionPrompt.SYSTEM);
        assertThat(body.path("messages").path(1).path("role").stringValue()).isEqualTo("user");
        assertUserTurn(body.path("messages").path(1).path("content").stringValue());
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").stringValue()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").stringValue()).isEqualTo("extraction");
        assertThat(format.path("json_schema").path("strict").booleanValue()).isTrue();
        assertThat(format.path("json_schema").path("schema")).isEqualTo(ExtractionPrompt.schema());
        // waqup_llm_requests_seconds: the vendor's latency, what WaqupLlmLatencyHigh reads
        assertThat(meters.get("waqup.llm.requests").tag("provider", "openai").tag("operation", "extraction")
                .tag("outcome", "success").timer().count()).isEqualTo(1);
    }

    @Test
    void shouldRetryA429() {
        vendor.stubFor(post(path()).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(fixture("openai/error-429.json")))
                .willSetStateTo("free"));
        vendor.stubFor(post(path()).inScenario("limited").whenScenarioStateIs("free")
                .willReturn(okJson(fixture("openai/good.json"))));

        assertThat(extractor.extract(MESSAGE, ContentType.GUIDED_MEDITATION, DialogueState.PracticeDetails).slots().intent)
                .isEqualTo("sleep");
        vendor.verify(2, postRequestedFor(urlEqualTo(path())));
    }

    @Test
    void shouldFallBackWhenTheModelRefuses() {
        vendor.stubFor(post(path()).willReturn(okJson(fixture("openai/refusal.json"))));

        assertThat(extractor.extract(OFFLINE_MESSAGE, ContentType.RITUAL, DialogueState.ContextGathering).slots().intent)
                .isEqualTo("wind_down");
        assertThat(fallbacks(meters, "openai", "malformed")).isEqualTo(1);
        assertThat(meters.get("waqup.llm.requests").tag("provider", "openai").tag("outcome", "failure").timer().count())
                .isEqualTo(1);
    }
}
