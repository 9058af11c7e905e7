package com.waqup.generation.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.waqup.common.llm.AnthropicStructuredClient;
import com.waqup.common.llm.LlmProperties;
import com.waqup.common.llm.OpenAiStructuredClient;
import com.waqup.generation.script.Depth;
import com.waqup.generation.script.Script;
import com.waqup.generation.script.ScriptRequest;
import com.waqup.generation.script.ScriptType;
import com.waqup.generation.script.ScriptWriter;
import com.waqup.generation.script.ScriptWriterException;
import com.waqup.generation.script.Section;
import com.waqup.generation.script.SectionKind;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What both LLM script writers must do against a real HTTP server (WireMock) answering with the vendor's documented
 * response shapes: read the structured script, fit it to the length, retry 429/5xx with Resilience4j, and fail the
 * writer (never return a broken script) on repeated errors or unusable answers.
 */
abstract class VendorScriptWriterContract {

    @RegisterExtension
    static final WireMockExtension vendor = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String KEY = "sk-test-secret-key";
    static final ScriptRequest REQUEST = new ScriptRequest(UUID.randomUUID(), UUID.randomUUID(), ScriptType.AFFIRMATION,
            "confidence", "nervous", "morning", "office", 120, null, "warm", null, "en");

    abstract String path();

    abstract ScriptWriter writer(LlmProperties properties);

    /** The vendor's 200 answer carrying {@code script} as its structured output. */
    abstract String answer(JsonNode script);

    /** The vendor's documented error body. */
    abstract String errorBody(int status);

    ScriptWriter writer() {
        return writer(properties());
    }

    static LlmProperties properties() {
        return new LlmProperties(LlmProperties.Provider.COMPOSER,
                new LlmProperties.OpenAi(vendor.baseUrl(), KEY, "gpt-4o-mini"),
                new LlmProperties.Anthropic(vendor.baseUrl(), KEY, "claude-sonnet-4-5", "2023-06-01"),
                Duration.ofSeconds(2), 3, Duration.ofMillis(10));
    }

    static ScriptWriter openAi(LlmProperties properties) {
        return new LlmScriptWriter(new OpenAiStructuredClient(properties.vendorHttp(RestClient.builder(),
                LlmProperties.Provider.OPENAI), properties.openai()), "OpenAI");
    }

    static ScriptWriter anthropic(LlmProperties properties) {
        return new LlmScriptWriter(new AnthropicStructuredClient(properties.vendorHttp(RestClient.builder(),
                LlmProperties.Provider.ANTHROPIC), properties.anthropic()), "Anthropic");
    }

    /** A model's affirmation set: about 90 words and short pauses, well under the 120 s asked for. */
    static ObjectNode goodScript() {
        ObjectNode script = JSON.createObjectNode();
        script.put("title", "Morning Confidence");
        var sections = script.putArray("sections");
        section(sections, "opening", "Welcome. As I sit at my desk this morning, I turn toward confidence, nervous as I am.");
        for (String statement : new String[] { "I speak with a calm and steady voice.", "I trust what I know and I share it.",
                "I am allowed to take up space in this room." }) {
            section(sections, "affirmations", statement, statement, statement);
        }
        section(sections, "closing", "I carry this steadiness into my day.");
        script.putArray("tags").add("Confidence").add("work-day").add("not a key!");
        return script;
    }

    static void section(ArrayNode sections, String kind, String... texts) {
        ObjectNode section = sections.addObject().put("kind", kind);
        var segments = section.putArray("segments");
        for (String text : texts) {
            segments.addObject().put("text", text).put("pause_after", 3);
        }
    }

    JsonNode sentRequest() {
        return JSON.readTree(vendor.getAllServeEvents().getFirst().getRequest().getBodyAsString());
    }

    @Test
    void shouldReadTheStructuredScriptAndFitItToTheRequestedLength() {
        vendor.stubFor(post(urlEqualTo(path())).willReturn(okJson(answer(goodScript()))));

        Script script = writer().write(REQUEST);

        assertThat(script.contentType()).isEqualTo(ScriptType.AFFIRMATION);
        assertThat(script.sections()).extracting(Section::kind).containsExactly(SectionKind.OPENING, SectionKind.AFFIRMATIONS,
                SectionKind.AFFIRMATIONS, SectionKind.AFFIRMATIONS, SectionKind.CLOSING);
        assertThat(script.title()).isEqualTo("Morning Confidence");
        assertThat(script.depth()).as("system-assigned").isEqualTo(Depth.SHALLOW);
        assertThat(script.tags()).startsWith("confidence", "affirmation", "nervous", "morning", "office").contains("work_day")
                .doesNotContain("not a key!");
        assertThat(script.estimatedSeconds(REQUEST.wordsPerMinute())).as("pauses stretched to the length")
                .isCloseTo(120.0, Offset.offset(2.0));
        assertThat(script.sections().get(1).segments()).allSatisfy(s -> assertThat(s.pauseAfter()).isBetween(3.0, 60.0));
        assertThat(script.plainText()).contains("I speak with a calm and steady voice.");
    }

    @Test
    void shouldRetryA429AndThenSucceed() {
        vendor.stubFor(post(urlEqualTo(path())).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(errorBody(429)))
                .willSetStateTo("free"));
        vendor.stubFor(post(urlEqualTo(path())).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson(answer(goodScript()))));

        Script script = writer().write(REQUEST);

        assertThat(script.sections()).hasSize(5);
        vendor.verify(2, postRequestedFor(urlEqualTo(path())));
    }

    @Test
    void shouldFailTheWriterAfterRepeatedServerErrors() {
        vendor.stubFor(post(urlEqualTo(path())).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody(errorBody(500))));

        assertThatThrownBy(() -> writer().write(REQUEST)).isInstanceOf(ScriptWriterException.class)
                .hasMessageContaining("HTTP 500").hasMessageNotContaining(KEY);
        vendor.verify(3, postRequestedFor(urlEqualTo(path())));
    }

    @Test
    void shouldNotRetryARefusedKey() {
        vendor.stubFor(post(urlEqualTo(path())).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(errorBody(401))));

        assertThatThrownBy(() -> writer().write(REQUEST)).isInstanceOf(ScriptWriterException.class)
                .hasMessageContaining("HTTP 401");
        vendor.verify(1, postRequestedFor(urlEqualTo(path())));
    }

    @Test
    void shouldRejectAScriptThatBreaksTheTypesRules() {
        ObjectNode script = goodScript();
        ((ObjectNode) script.path("sections").get(1).path("segments").get(0)).put("text", "You speak with a calm voice.");
        vendor.stubFor(post(urlEqualTo(path())).willReturn(okJson(answer(script))));

        assertThatThrownBy(() -> writer().write(REQUEST)).isInstanceOf(ScriptWriterException.class)
                .hasMessageContaining("first-person");
    }

    @Test
    void shouldRejectAScriptFarLongerThanAsked() {
        ObjectNode script = goodScript();
        var segments = (ArrayNode) script.path("sections").get(4).path("segments");
        for (int i = 0; i < 40; i++) {
            segments.addObject().put("text", "I carry this steadiness into my day, into every meeting and every call I make.")
                    .put("pause_after", 1);
        }
        vendor.stubFor(post(urlEqualTo(path())).willReturn(okJson(answer(script))));

        assertThatThrownBy(() -> writer().write(REQUEST)).isInstanceOf(ScriptWriterException.class)
                .hasMessageContaining("speech alone");
    }
}
