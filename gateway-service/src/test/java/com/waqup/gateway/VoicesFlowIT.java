package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The voice picker as the web app lives it: {@code GET /api/v1/voices} through the gateway lists the offline voices
 * and the configured vendor's, each with a {@code preview_url} the app can play: mapped through the gateway's
 * {@code /media/**} as the app does with every audio URL ({@code web/src/offline/media.ts}), it answers an MP3.
 */
class VoicesFlowIT extends JourneySupport {

    static final byte[] VENDOR_SAMPLE = new byte[] { 'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6 };

    /** What the web app does with an audio URL: the same path and query, on its own origin under /media. */
    String played(String previewUrl) {
        URI uri = URI.create(previewUrl);
        return url("/media" + uri.getRawPath() + "?" + uri.getRawQuery());
    }

    @Test
    void shouldListEveryVoiceWithAPreviewThatPlaysThroughTheGateway() throws Exception {
        // ElevenLabs lists its voices with its documented preview_url (the journeys' other ElevenLabs calls stay refused);
        // flowTestVoice is listed too, so a journey that picks it still meets the vendor's refusal, not a fallback
        String sample = "/eleven-public-prod/premade/voices/flowTestVoice/" + UUID.randomUUID() + "/preview.mp3";
        ELEVENLABS.stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/voices")).willReturn(WireMock.aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"voices": [{"voice_id": "flowTestVoice", "name": "Flow", "category": "premade",
                                     "labels": {"accent": "american", "gender": "female"},
                                     "preview_url": "%s%s"}]}""".formatted(ELEVENLABS.baseUrl(), sample))));
        ELEVENLABS.stubFor(WireMock.get(WireMock.urlPathEqualTo(sample)).willReturn(WireMock.aResponse()
                .withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(VENDOR_SAMPLE)));
        String token = register("voices");

        JsonNode voices = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get(token, "/api/v1/voices").json().path("voices"), list -> {
                    boolean vendorListed = false;
                    for (JsonNode voice : list) {
                        vendorListed |= voice.path("id").asString().equals("elevenlabs:flowTestVoice");
                        if (voice.path("preview_url").isNull() || voice.path("preview_url").asString().isBlank()) {
                            return false;
                        }
                    }
                    return vendorListed;
                });

        assertThat(voices.findValuesAsString("id")).contains("en-us-female", "en-us-male", "en-gb-female", "en-gb-male",
                "elevenlabs:flowTestVoice");
        for (JsonNode voice : voices) {
            HttpResponse<byte[]> audio = HTTP.send(HttpRequest.newBuilder(URI.create(played(voice.path("preview_url")
                    .asString()))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(audio.statusCode()).as(voice.path("id").asString()).isEqualTo(200);
            assertThat(audio.headers().firstValue("Content-Type").orElse("")).startsWith("audio/mpeg");
            byte[] head = audio.body();
            assertThat((head[0] == 'I' && head[1] == 'D' && head[2] == '3') || ((head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0))
                    .as("an MP3 stream for %s", voice.path("id").asString()).isTrue();
            assertThat(voice.path("offline").asBoolean()).isEqualTo(!voice.path("id").asString().contains(":"));
        }
        HttpResponse<byte[]> vendor = HTTP.send(HttpRequest.newBuilder(URI.create(played(voices.findValues("preview_url")
                .getLast().asString()))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(vendor.body()).as("the vendor's recording, from our store").isEqualTo(VENDOR_SAMPLE);
    }
}
