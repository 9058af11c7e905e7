package com.waqup.audio.voice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.waqup.common.http.VendorHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** Routing a request's voice to a provider, the fallbacks, and the cached vendor lists. */
class VoiceRouterTest {

    static WireMockServer vendor;
    final MutableClock clock = new MutableClock();

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
    void reset() {
        vendor.resetAll();
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    VoiceRouter router(String platformProvider, boolean withElevenLabs) {
        TtsProperties tts = new TtsProperties(platformProvider, null, null, null, null, null, null, null, null,
                new TtsProperties.ElevenLabs(vendor.baseUrl(), withElevenLabs ? "k" : null, null, null), null, null, null);
        List<VendorSynthesizer> vendors = withElevenLabs ? List.of(new ElevenLabsSynthesizer(
                new VendorHttp(RestClient.builder(), "elevenlabs", vendor.baseUrl(), Duration.ofSeconds(5), 1, Duration.ofMillis(1)),
                new VendorHttp(RestClient.builder(), "elevenlabs", vendor.baseUrl(), Duration.ofSeconds(5), 1, Duration.ofMillis(1)),
                tts)) : List.of();
        return new VoiceRouter(new EspeakSynthesizer(tts), vendors, tts.provider(), tts.defaultVoice(), Duration.ofMinutes(10),
                Duration.ofSeconds(30), clock);
    }

    void vendorLists(String... ids) {
        StringBuilder voices = new StringBuilder();
        for (String id : ids) {
            voices.append(voices.isEmpty() ? "" : ",").append("{\"voice_id\":\"").append(id)
                    .append("\",\"name\":\"N\",\"category\":\"premade\",\"labels\":{\"gender\":\"female\"}}");
        }
        vendor.stubFor(get(urlPathEqualTo("/v1/voices")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"voices\":[" + voices + "]}")));
    }

    @Test
    void shouldRouteANamespacedVoiceToItsVendorWhenTheVendorListsIt() {
        vendorLists("abc", "def");
        Voice voice = router("espeak", true).resolve("elevenlabs:def");
        assertThat(voice.provider()).isEqualTo("elevenlabs");
        assertThat(voice.id()).isEqualTo("elevenlabs:def");
        assertThat(voice.engineVoice()).isEqualTo("def");
    }

    @Test
    void shouldFallBackToTheDefaultEspeakVoiceForUnknownOrDisabledVoices() {
        vendorLists("abc");
        VoiceRouter router = router("espeak", true);
        for (String id : new String[] { "elevenlabs:not-listed", "playht:s3://x/manifest.json", "acme:voice", "klingon", "elevenlabs:",
                ":x", "", null }) {
            Voice voice = router.resolve(id);
            assertThat(voice.id()).as(String.valueOf(id)).isEqualTo("en-us-female");
            assertThat(voice.provider()).isEqualTo("espeak");
        }
        assertThat(router("espeak", false).resolve("elevenlabs:abc").provider()).as("a vendor without a key").isEqualTo("espeak");
        assertThat(router.resolve("en-gb-male").engineVoice()).isEqualTo("en-gb+m3");
    }

    @Test
    void shouldTryAVendorVoiceAsAskedWhenTheVendorsListCannotBeHad() {
        vendor.stubFor(get(urlPathEqualTo("/v1/voices")).willReturn(aResponse().withStatus(503)));
        Voice voice = router("espeak", true).resolve("elevenlabs:abc");
        assertThat(voice.provider()).isEqualTo("elevenlabs");
        assertThat(voice.engineVoice()).isEqualTo("abc");
    }

    @Test
    void shouldListThePlatformVoicesFirstThenTheVendorsAndLeaveADownVendorOut() {
        vendor.stubFor(get(urlPathEqualTo("/v1/voices")).willReturn(aResponse().withStatus(500)));
        VoiceRouter router = router("espeak", true);
        List<Voice> voices = router.voices();
        assertThat(voices).extracting(Voice::id).containsExactly("en-us-female", "en-us-male", "en-gb-female", "en-gb-male");

        vendorLists("abc");
        assertThat(router.voices()).as("a failed list is not asked again at once").hasSize(4);
        clock.now = clock.now.plusSeconds(31);
        assertThat(router.voices()).extracting(Voice::id).endsWith("elevenlabs:abc").hasSize(5);
    }

    @Test
    void shouldCacheTheVendorsListForItsLifetime() {
        vendorLists("abc");
        VoiceRouter router = router("espeak", true);
        router.voices();
        router.voices();
        router.resolve("elevenlabs:abc");
        vendor.verify(1, getRequestedFor(urlPathEqualTo("/v1/voices")));
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        router.voices();
        vendor.verify(2, getRequestedFor(urlPathEqualTo("/v1/voices")));
    }

    @Test
    void shouldLetAnEnabledVendorSpeakThePlatformVoicesWhenItIsThePlatformProvider() {
        vendorLists("abc");
        Voice voice = router("elevenlabs", true).resolve("en-us-female");
        assertThat(voice.provider()).isEqualTo("elevenlabs");
        assertThat(voice.engineVoice()).isEqualTo("21m00Tcm4TlvDq8Ikwcn");
        assertThat(router("elevenlabs", false).resolve("en-us-female").provider()).as("no key: espeak").isEqualTo("espeak");
    }
}
