package com.waqup.conversation.extraction;

import java.time.Duration;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.waqup.common.llm.StructuredOutputClient;
import com.waqup.conversation.dialogue.ContentType;
import com.waqup.conversation.dialogue.DialogueState;
import com.waqup.conversation.dialogue.Extraction;
import com.waqup.conversation.dialogue.Extraction.Command;
import com.waqup.conversation.dialogue.LexiconExtractor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.waqup.conversation.extraction.LlmFixtures.allFallbacks;
import static com.waqup.conversation.extraction.LlmFixtures.assertSame;
import static com.waqup.conversation.extraction.LlmFixtures.fallbacks;
import static com.waqup.conversation.extraction.LlmFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every vendor adapter must do, against a real HTTP server (WireMock) answering with the vendor's documented
 * response bodies from src/test/resources/llm/{vendor}/. Each vendor's test adds the exact request it must send.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class VendorContractTest {

    @RegisterExtension
    static final WireMockExtension vendor = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String MESSAGE = "My mind races at night, I'd like ten minutes in bed to help me fall asleep";
    /** The offline extractor reads this differently from every stubbed model answer (wind_down, 15 minutes). */
    static final String OFFLINE_MESSAGE = "I can't switch off after work, 15 minutes please";
    static final String CRISIS_MESSAGE = "Honestly I want to end my life, maybe something for sleep";

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    LlmSlotExtractor extractor;

    /** {@code openai} or {@code anthropic}: the metrics tag. */
    abstract String provider();

    /** The API path under the base URL. */
    abstract String path();

    /** The API key the adapter is configured with (it must never be logged). */
    abstract String apiKey();

    abstract StructuredOutputClient client(String baseUrl, Duration timeout);

    /** The vendor's documented error body for this status. */
    abstract String errorBody(int status);

    /** A transient server error the vendor documents (OpenAI 500, Anthropic 529 overloaded). */
    abstract int transientStatus();

    /** A 200 answer whose structured output is not the object we asked for. */
    abstract String malformedAnswer();

    @BeforeEach
    void setUpExtractor() {
        extractor = LlmFixtures.extractor(client(vendor.baseUrl(), LlmFixtures.TIMEOUT), meters);
    }

    Extraction extractFromTheGoodAnswer() {
        vendor.stubFor(post(path()).willReturn(okJson(fixture(provider() + "/good.json"))));
        return extractor.extract(MESSAGE, ContentType.GUIDED_MEDITATION, DialogueState.PracticeDetails);
    }

    /** The one request the vendor received, as JSON. */
    static JsonNode sentBody() {
        assertThat(vendor.getAllServeEvents()).hasSize(1);
        return LlmFixtures.json(vendor.getAllServeEvents().getFirst().getRequest().getBodyAsString());
    }

    static void assertUserTurn(String userContent) {
        JsonNode user = LlmFixtures.json(userContent);
        assertThat(user.path("message").stringValue()).isEqualTo(MESSAGE);
        assertThat(user.path("content_type").stringValue()).isEqualTo("guided_meditation");
        assertThat(user.path("dialogue_state").stringValue()).isEqualTo("PracticeDetails");
    }

    @Test
    void shouldFillTheSlotsFromAStructuredAnswer() {
        Extraction x = extractFromTheGoodAnswer();

        assertThat(x.slots().intent).isEqualTo("sleep");
        assertThat(x.slots().emotionalContext).isEqualTo("restless");
        assertThat(x.slots().timeOfDay).isEqualTo("night");
        assertThat(x.slots().place).isEqualTo("bed");
        assertThat(x.slots().durationSeconds).isEqualTo(600);
        assertThat(x.slots().voiceId).isNull();
        assertThat(x.slots().pace).isNull();
        assertThat(x.slots().tone).isNull();
        assertThat(x.command()).isEqualTo(Command.NONE);
        assertThat(x.correction()).isFalse();
        assertThat(x.crisis()).isFalse();
        assertThat(allFallbacks(meters)).isZero();
    }

    @Test
    void shouldRetryATransientServerErrorAndUseTheSecondAnswer() {
        vendor.stubFor(post(path()).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(transientStatus())).willSetStateTo("recovered"));
        vendor.stubFor(post(path()).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(fixture(provider() + "/good.json"))));

        Extraction x = extractor.extract(MESSAGE, ContentType.GUIDED_MEDITATION, DialogueState.PracticeDetails);

        assertThat(x.slots().intent).isEqualTo("sleep");
        vendor.verify(2, postRequestedFor(urlEqualTo(path())));
        assertThat(allFallbacks(meters)).isZero();
    }

    @Test
    void shouldFallBackAfterTheLastAttemptFailsWithAServerError() {
        vendor.stubFor(post(path()).willReturn(error(500)));

        Extraction x = extractor.extract(OFFLINE_MESSAGE, ContentType.RITUAL, DialogueState.ContextGathering);

        assertIsTheOfflineExtraction(x);
        vendor.verify(2, postRequestedFor(urlEqualTo(path())));
        assertThat(fallbacks(meters, provider(), "server_error")).isEqualTo(1);
    }

    @Test
    void shouldFallBackToTheOfflineExtractorWhenTheVendorTimesOut() {
        vendor.stubFor(post(path()).willReturn(okJson(fixture(provider() + "/good.json")).withFixedDelay(LlmFixtures.SLOW_MILLIS)));
        LlmSlotExtractor extractor = LlmFixtures.extractor(client(vendor.baseUrl(), LlmFixtures.SHORT_TIMEOUT), meters);

        Extraction x = extractor.extract(OFFLINE_MESSAGE, ContentType.RITUAL, DialogueState.ContextGathering);

        assertIsTheOfflineExtraction(x);
        vendor.verify(2, postRequestedFor(urlEqualTo(path())));
        assertThat(fallbacks(meters, provider(), "timeout")).isEqualTo(1);
    }

    @Test
    void shouldNotRetryA401AndFallBackWithoutLoggingTheKeyOrTheMessage(CapturedOutput output) {
        vendor.stubFor(post(path()).willReturn(error(401)));

        Extraction x = extractor.extract(OFFLINE_MESSAGE, ContentType.RITUAL, DialogueState.ContextGathering);

        assertIsTheOfflineExtraction(x);
        vendor.verify(1, postRequestedFor(urlEqualTo(path())));
        assertThat(fallbacks(meters, provider(), "client_error")).isEqualTo(1);
        assertThat(output).contains("LLM extraction via " + provider() + " failed (client_error, HTTP 401")
                .doesNotContain(apiKey()).doesNotContain(OFFLINE_MESSAGE).doesNotContain("switch off");
    }

    @Test
    void shouldFallBackWhenTheStructuredOutputIsMalformed() {
        vendor.stubFor(post(path()).willReturn(okJson(malformedAnswer())));

        Extraction x = extractor.extract(OFFLINE_MESSAGE, ContentType.RITUAL, DialogueState.ContextGathering);

        assertIsTheOfflineExtraction(x);
        vendor.verify(1, postRequestedFor(urlEqualTo(path())));
        assertThat(fallbacks(meters, provider(), "malformed")).isEqualTo(1);
    }

    @Test
    void shouldFallBackWhenTheBodyIsNotJsonAtAll() {
        vendor.stubFor(post(path()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad gateway</body></html>")));

        assertIsTheOfflineExtraction(extractor.extract(OFFLINE_MESSAGE, ContentType.RITUAL, DialogueState.ContextGathering));
        assertThat(fallbacks(meters, provider(), "malformed")).isEqualTo(1);
    }

    @Test
    void shouldDropValuesTheLexiconDoesNotKnow() {
        vendor.stubFor(post(path()).willReturn(okJson(fixture(provider() + "/unknown-values.json"))));

        Extraction x = extractor.extract(MESSAGE, ContentType.GUIDED_MEDITATION, DialogueState.PracticeDetails);

        assertThat(x.slots().intent).as("unknown intent sleep_hygiene").isNull();
        assertThat(x.slots().pace).as("unknown pace glacial").isNull();
        assertThat(x.slots().durationSeconds).as("999999 seconds is out of range").isNull();
        assertThat(x.command()).as("unknown command MAYBE").isEqualTo(Command.NONE);
        assertThat(x.slots().place).isEqualTo("bed");
        assertThat(x.slots().timeOfDay).isEqualTo("night");
        assertThat(allFallbacks(meters)).isZero();
    }

    @Test
    void shouldKeepACrisisTheLexiconSeesEvenWhenTheModelSaysNone() {
        vendor.stubFor(post(path()).willReturn(okJson(fixture(provider() + "/good.json"))));

        Extraction x = extractor.extract(CRISIS_MESSAGE, ContentType.GUIDED_MEDITATION, DialogueState.IntentDiscovery);

        assertThat(x.crisis()).isTrue();
        assertThat(x.slots().intent).isEqualTo("sleep");
        assertThat(allFallbacks(meters)).isZero();
    }

    private ResponseDefinitionBuilder error(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(errorBody(status));
    }

    private static void assertIsTheOfflineExtraction(Extraction x) {
        assertSame(x, new LexiconExtractor().extract(OFFLINE_MESSAGE, ContentType.RITUAL, DialogueState.ContextGathering));
        assertThat(x.slots().intent).isEqualTo("wind_down");
        assertThat(x.slots().durationSeconds).isEqualTo(900);
    }
}
