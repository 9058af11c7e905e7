package com.waqup.audio.voice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.waqup.common.http.VendorHttp;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.client.RestClient;

/**
 * What every TTS vendor adapter must do against a WireMock speaking that vendor's documented API: refuse at once
 * (no retry, no key in the message) when the credentials are refused, retry a 429 and succeed, give up retryably
 * after the bounded retries of server errors. Each vendor's test adds its documented request and voice list.
 */
abstract class VendorSynthesizerContract {

    static WireMockServer vendor;

    @TempDir
    Path dir;
    VendorSynthesizer synthesizer;

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
        synthesizer = synthesizer(
                new VendorHttp(RestClient.builder(), provider(), vendor.baseUrl(), Duration.ofSeconds(5), 3, Duration.ofMillis(10)),
                new VendorHttp(RestClient.builder(), provider(), vendor.baseUrl(), Duration.ofSeconds(5), 1, Duration.ofMillis(1)));
    }

    abstract String provider();

    /** The adapter under test, configured for {@link #vendor} with the test credentials. */
    abstract VendorSynthesizer synthesizer(VendorHttp http, VendorHttp listHttp);

    /** The vendor's voice id used by the tests (not namespaced). */
    abstract String vendorVoice();

    /** The path of the synthesis call for {@link #vendorVoice()}. */
    abstract String ttsPath();

    /** The secret the adapter sends; it must never appear in an error message. */
    abstract String secret();

    /** The vendor's documented answer to refused credentials. */
    abstract ResponseDefinitionBuilder refusedCredentials();

    /** The vendor's successful answer carrying {@code seconds} of speech. */
    abstract ResponseDefinitionBuilder speech(double seconds);

    Voice voice() {
        return synthesizer.unlisted(vendorVoice());
    }

    @Test
    void shouldFailAtOnceWithoutRetryWhenTheCredentialsAreRefused() {
        vendor.stubFor(post(urlPathEqualTo(ttsPath())).willReturn(refusedCredentials()));

        assertThatThrownBy(() -> synthesizer.synthesize("I am calm.", voice(), Pace.MODERATE, dir))
                .isInstanceOfSatisfying(TtsException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).isEqualTo(provider() + " answered HTTP 401").doesNotContain(secret());
                });
        vendor.verify(1, postRequestedFor(urlPathEqualTo(ttsPath())));
    }

    @Test
    void shouldRetryATooManyRequestsAndSucceed() throws Exception {
        vendor.stubFor(post(urlPathEqualTo(ttsPath())).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("free"));
        vendor.stubFor(post(urlPathEqualTo(ttsPath())).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(speech(0.2)));

        assertThat(synthesizer.synthesize("I am calm.", voice(), Pace.MODERATE, dir).seconds())
                .isCloseTo(0.2, Offset.offset(0.01));
        vendor.verify(2, postRequestedFor(urlPathEqualTo(ttsPath())));
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 503 })
    void shouldGiveUpRetryablyAfterTheBoundedRetriesOfServerErrors(int status) {
        vendor.stubFor(post(urlPathEqualTo(ttsPath())).willReturn(aResponse().withStatus(status)));

        assertThatThrownBy(() -> synthesizer.synthesize("I am calm.", voice(), Pace.MODERATE, dir))
                .isInstanceOfSatisfying(TtsException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(status);
                });
        vendor.verify(3, postRequestedFor(urlPathEqualTo(ttsPath())));
    }
}
