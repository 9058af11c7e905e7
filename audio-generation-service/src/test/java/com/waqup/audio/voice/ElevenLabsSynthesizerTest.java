package com.waqup.audio.voice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.waqup.audio.render.Pcm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.client.RestClient;

/** The ElevenLabs adapter against a WireMock speaking ElevenLabs' documented API. */
class ElevenLabsSynthesizerTest {

    static final String VOICE = "21m00Tcm4TlvDq8Ikwcn";
    static final String TTS_PATH = "/v1/text-to-speech/" + VOICE;
    static WireMockServer vendor;

    @TempDir
    Path dir;
    ElevenLabsSynthesizer elevenlabs;

    @BeforeAll
    static void start() {
        vendor = new WireMockServer(options().dynamicPort());
        vendor.start();
    }

    @AfterAll
    static void stop() {
        vendor.stop();
    }

    @BeforeEach
    void setUp() {
        vendor.resetAll();
        TtsProperties tts = new TtsProperties(null, null, null, null, null, null, null, null, null,
                new TtsProperties.ElevenLabs(vendor.baseUrl(), "test-eleven-key", "eleven_multilingual_v2", null), null);
        elevenlabs = new ElevenLabsSynthesizer(
                new VendorHttp(RestClient.builder(), "elevenlabs", vendor.baseUrl(), Duration.ofSeconds(5), 3, Duration.ofMillis(10)),
                new VendorHttp(RestClient.builder(), "elevenlabs", vendor.baseUrl(), Duration.ofSeconds(5), 1, Duration.ofMillis(1)),
                tts);
    }

    Voice voice() {
        return elevenlabs.unlisted(VOICE);
    }

    @Test
    void shouldPostTheDocumentedRequestAndReturnTheVendorsPcm() throws Exception {
        byte[] audio = VendorAudio.pcm22050(0.4);
        vendor.stubFor(post(urlPathEqualTo(TTS_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(audio)));

        Pcm pcm = elevenlabs.synthesize("I am calm.", voice(), Pace.SLOWER, dir);

        assertThat(pcm.sampleRate()).isEqualTo(22050);
        assertThat(pcm.samples()).isEqualTo(audio);
        assertThat(pcm.seconds()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(0.01));
        vendor.verify(1, postRequestedFor(urlPathEqualTo(TTS_PATH))
                .withQueryParam("output_format", equalTo("pcm_22050"))
                .withHeader("xi-api-key", equalTo("test-eleven-key"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.text", equalTo("I am calm.")))
                .withRequestBody(matchingJsonPath("$.model_id", equalTo("eleven_multilingual_v2")))
                .withRequestBody(matchingJsonPath("$.voice_settings.stability"))
                .withRequestBody(matchingJsonPath("$.voice_settings.similarity_boost"))
                .withRequestBody(matchingJsonPath("$.voice_settings.speed", equalTo("0.85"))));
    }

    @Test
    void shouldFailAtOnceWithoutRetryWhenTheKeyIsRefused() {
        vendor.stubFor(post(urlPathEqualTo(TTS_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}")));

        assertThatThrownBy(() -> elevenlabs.synthesize("I am calm.", voice(), Pace.MODERATE, dir))
                .isInstanceOfSatisfying(TtsException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).isEqualTo("elevenlabs answered HTTP 401").doesNotContain("test-eleven-key", "invalid_api_key");
                });
        vendor.verify(1, postRequestedFor(urlPathEqualTo(TTS_PATH)));
    }

    @Test
    void shouldRetryATooManyRequestsAndSucceed() throws Exception {
        byte[] audio = VendorAudio.pcm22050(0.2);
        vendor.stubFor(post(urlPathEqualTo(TTS_PATH)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\":{\"status\":\"too_many_concurrent_requests\"}}"))
                .willSetStateTo("free"));
        vendor.stubFor(post(urlPathEqualTo(TTS_PATH)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200).withBody(audio)));

        assertThat(elevenlabs.synthesize("I am calm.", voice(), Pace.MODERATE, dir).samples()).isEqualTo(audio);
        vendor.verify(2, postRequestedFor(urlPathEqualTo(TTS_PATH)));
    }

    @Test
    void shouldGiveUpRetryablyAfterTheBoundedRetriesOfServerErrors() {
        vendor.stubFor(post(urlPathEqualTo(TTS_PATH)).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> elevenlabs.synthesize("I am calm.", voice(), Pace.MODERATE, dir))
                .isInstanceOfSatisfying(TtsException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(500);
                });
        vendor.verify(3, postRequestedFor(urlPathEqualTo(TTS_PATH)));
    }

    @Test
    void shouldListTheVendorsVoicesWithNamespacedIds() throws Exception {
        vendor.stubFor(get(urlPathEqualTo("/v1/voices")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"voices": [
                          {"voice_id": "21m00Tcm4TlvDq8Ikwcn", "name": "Rachel", "category": "premade",
                           "labels": {"accent": "american", "description": "calm", "age": "young", "gender": "female", "use_case": "narration"},
                           "preview_url": "https://example.invalid/rachel.mp3"},
                          {"voice_id": "onwK4e9ZLuTAKqWW03F9", "name": "Daniel", "category": "premade",
                           "labels": {"accent": "british", "gender": "male", "use_case": "news"}},
                          {"name": "no id"}
                        ]}""")));

        List<Voice> voices = elevenlabs.fetchVoices();

        assertThat(voices).extracting(Voice::id).containsExactly("elevenlabs:21m00Tcm4TlvDq8Ikwcn", "elevenlabs:onwK4e9ZLuTAKqWW03F9");
        Voice rachel = voices.getFirst();
        assertThat(rachel.name()).isEqualTo("Rachel");
        assertThat(rachel.language()).isEqualTo("en-US");
        assertThat(rachel.gender()).isEqualTo("female");
        assertThat(rachel.style()).isEqualTo("calm");
        assertThat(rachel.provider()).isEqualTo("elevenlabs");
        assertThat(rachel.engineVoice()).isEqualTo("21m00Tcm4TlvDq8Ikwcn");
        assertThat(voices.get(1).language()).isEqualTo("en-GB");
        assertThat(voices.get(1).style()).isEqualTo("news");
        vendor.verify(1, getRequestedFor(urlPathEqualTo("/v1/voices")).withHeader("xi-api-key", equalTo("test-eleven-key")));
    }
}
