package com.waqup.audio.voice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.audio.AudioITSupport;
import com.waqup.common.test.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Jobs voiced by a vendor (WireMock at the vendors' documented APIs) through the real broker, S3 and ffmpeg. */
class VendorVoiceIT extends AudioITSupport {

    static final String RACHEL = "21m00Tcm4TlvDq8Ikwcn";
    static final String JENNIFER = "s3://voice-cloning-zero-shot/d9ff78ba-d016-47f6-b0ef-dd630f59414e/female-cs/manifest.json";

    @BeforeEach
    void resetVendors() {
        VENDOR.resetAll();
    }

    static void elevenLabsLists(String status) {
        VENDOR.stubFor(get(urlPathEqualTo("/v1/voices")).willReturn(status.equals("up")
                ? aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"voices": [{"voice_id": "21m00Tcm4TlvDq8Ikwcn", "name": "Rachel", "category": "premade",
                                     "labels": {"accent": "american", "description": "calm", "gender": "female"}}]}""")
                : aResponse().withStatus(Integer.parseInt(status))));
    }

    static void playHtLists() {
        VENDOR.stubFor(get(urlPathEqualTo("/api/v2/voices")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        [{"id": "s3://voice-cloning-zero-shot/d9ff78ba-d016-47f6-b0ef-dd630f59414e/female-cs/manifest.json",
                          "name": "Jennifer", "gender": "female", "language": "English (US)", "language_code": "en-US",
                          "style": "narrative", "voice_engine": "PlayHT2.0"}]""")));
    }

    static Map<String, Object> withVoice(Map<String, Object> request, String voiceId) {
        Map<String, Object> r = new LinkedHashMap<>(request);
        r.put("voice_id", voiceId);
        return r;
    }

    static List<Map<String, Object>> twoSegments() {
        return List.of(Map.of("index", 0, "text", "I am calm.", "pause_after", 1.5),
                Map.of("index", 1, "text", "I am safe.", "pause_after", 1.0));
    }

    @Test
    void shouldFailTheJobWithTtsFailedAndLeaveNoObjectNorTempFilesWhenTheVendorRefusesTheKey() throws Exception {
        elevenLabsLists("401");
        VENDOR.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + RACHEL)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}")));
        UUID job = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        publish(withVoice(request(job, user, 5, twoSegments(), null), "elevenlabs:" + RACHEL));

        JsonNode failed = await().atMost(JOB_TIMEOUT).until(() -> events(job, "audio.failed"), l -> !l.isEmpty()).getFirst().path("data");
        assertThat(failed.path("code").asString()).isEqualTo("TTS_FAILED");
        assertThat(failed.path("retryable").asBoolean()).isFalse();
        assertThat(failed.path("reason").asString()).isEqualTo("speech synthesis failed (elevenlabs): elevenlabs answered HTTP 401")
                .doesNotContain(ELEVENLABS_KEY, "invalid_api_key");
        assertThat(keys("audio/" + user + "/")).as("no object").isEmpty();
        assertThat(workDirsOf(job)).as("the job's temp dir is removed").isEmpty();
        VENDOR.verify(1, postRequestedFor(urlPathEqualTo("/v1/text-to-speech/" + RACHEL)).withHeader("xi-api-key", equalTo(ELEVENLABS_KEY)));
        assertThat(events(job, "audio.completed")).isEmpty();
    }

    @Test
    void shouldVoiceAJobThroughElevenLabsAndStoreItWithTheVendorAsProvider() throws Exception {
        elevenLabsLists("up");
        VENDOR.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + RACHEL)).withQueryParam("output_format", equalTo("pcm_22050"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream")
                        .withBody(VendorAudio.pcm22050(1.5))));
        UUID job = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        publish(withVoice(request(job, user, 5.5, twoSegments(), null), "elevenlabs:" + RACHEL));

        JsonNode data = await().atMost(JOB_TIMEOUT).until(() -> events(job, "audio.completed"), l -> !l.isEmpty()).getFirst().path("data");
        assertThat(data.path("voice").path("provider").asString()).isEqualTo("elevenlabs");
        assertThat(data.path("voice").path("id").asString()).isEqualTo("elevenlabs:" + RACHEL);
        assertThat(data.path("voice").path("name").asString()).isEqualTo("Rachel");
        String key = key(user, job);
        assertThat(data.path("audio_key").asString()).isEqualTo(key);
        assertThat(s3.headObject(b -> b.bucket(bucket()).key(key)).metadata()).containsEntry("provider", "elevenlabs");
        Path mp3 = download(key);
        try {
            double seconds = Double.parseDouble(tool("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                    mp3.toString()).trim());
            assertThat(seconds).as("two 1.5 s segments and 2.5 s of pauses").isBetween(5.2, 6.0);
        } finally {
            Files.deleteIfExists(mp3);
        }
        VENDOR.verify(2, postRequestedFor(urlPathEqualTo("/v1/text-to-speech/" + RACHEL)));
        assertThat(workDirsOf(job)).isEmpty();
    }

    @Test
    void shouldVoiceAJobThroughPlayHtWithItsManifestVoice() {
        playHtLists();
        VENDOR.stubFor(post(urlPathEqualTo("/api/v2/tts/stream")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "audio/wav").withBody(VendorAudio.wav22050(1.0))));
        UUID job = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        publish(withVoice(request(job, user, 4.5, twoSegments(), null), "playht:" + JENNIFER));

        JsonNode data = await().atMost(JOB_TIMEOUT).until(() -> events(job, "audio.completed"), l -> !l.isEmpty()).getFirst().path("data");
        assertThat(data.path("voice").path("provider").asString()).isEqualTo("playht");
        assertThat(data.path("voice").path("name").asString()).isEqualTo("Jennifer");
        assertThat(keys("audio/" + user + "/")).containsExactly(key(user, job));
        VENDOR.verify(2, postRequestedFor(urlPathEqualTo("/api/v2/tts/stream")).withHeader("AUTHORIZATION", equalTo(PLAYHT_KEY))
                .withHeader("X-USER-ID", equalTo(PLAYHT_USER)));
    }

    @Test
    void shouldVoiceAnUnknownVendorVoiceWithTheDefaultOfflineVoice() {
        elevenLabsLists("up");
        UUID job = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        publish(withVoice(request(job, user, 4, twoSegments(), null), "elevenlabs:no-such-voice"));

        JsonNode data = await().atMost(JOB_TIMEOUT).until(() -> events(job, "audio.completed"), l -> !l.isEmpty()).getFirst().path("data");
        assertThat(data.path("voice").path("id").asString()).isEqualTo("en-us-female");
        assertThat(data.path("voice").path("provider").asString()).isEqualTo("festival");
        VENDOR.verify(0, postRequestedFor(urlPathEqualTo("/v1/text-to-speech/no-such-voice")));
    }

    @Test
    void shouldListEveryEnabledProvidersVoicesAndLeaveADownVendorOut() {
        elevenLabsLists("up");
        playHtLists();
        Http.Response all = Http.get(url("/api/v1/voices"), "Authorization", bearer(userToken()));
        assertThat(all.status()).isEqualTo(200);
        JsonNode voices = all.json().path("voices");
        assertThat(voices.findValuesAsString("id")).containsExactly("en-us-female", "en-us-male", "en-gb-female", "en-gb-male",
                "elevenlabs:" + RACHEL, "playht:" + JENNIFER);
        JsonNode rachel = voices.path(4);
        assertThat(rachel.path("provider").asString()).isEqualTo("elevenlabs");
        assertThat(rachel.path("language").asString()).isEqualTo("en-US");
        assertThat(rachel.path("gender").asString()).isEqualTo("female");
        assertThat(rachel.path("is_default").asBoolean()).isFalse();

        elevenLabsLists("500");
        Http.Response partial = Http.get(url("/api/v1/voices"), "Authorization", bearer(userToken()));
        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.json().path("voices").findValuesAsString("id")).contains("playht:" + JENNIFER)
                .doesNotContain("elevenlabs:" + RACHEL).hasSize(5);
        assertThat(partial.json().path("default_voice_id").asString()).isEqualTo("en-us-female");
    }

    @Test
    void shouldOfferEachVendorVoicesOwnRecordingAsAPreviewCopiedIntoOurStore() {
        byte[] rachelSample = "ID3-rachel-sample-bytes".getBytes(StandardCharsets.UTF_8);
        byte[] jenniferSample = "ID3-jennifer-sample-bytes".getBytes(StandardCharsets.UTF_8);
        // a recording URL of its own per run: the copy is keyed by it, so an earlier run's copy is not reused
        String rachelPath = "/eleven-public-prod/premade/voices/21m00Tcm4TlvDq8Ikwcn/" + UUID.randomUUID() + "/preview.mp3";
        String jenniferPath = "/samples/" + UUID.randomUUID() + "/jennifer.mp3";
        VENDOR.stubFor(get(urlPathEqualTo("/v1/voices")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"voices": [{"voice_id": "21m00Tcm4TlvDq8Ikwcn", "name": "Rachel", "category": "premade",
                                     "labels": {"accent": "american", "description": "calm", "gender": "female"},
                                     "preview_url": "%s%s"}]}"""
                        .formatted(VENDOR.baseUrl(), rachelPath))));
        VENDOR.stubFor(get(urlPathEqualTo("/api/v2/voices")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        [{"id": "%s", "name": "Jennifer", "gender": "female", "language": "English (US)",
                          "language_code": "en-US", "style": "narrative", "voice_engine": "PlayHT2.0",
                          "sample": "%s%s"}]""".formatted(JENNIFER, VENDOR.baseUrl(), jenniferPath))));
        VENDOR.stubFor(get(urlPathEqualTo(rachelPath))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(rachelSample)));
        VENDOR.stubFor(get(urlPathEqualTo(jenniferPath))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(jenniferSample)));

        JsonNode voices = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> Http.get(url("/api/v1/voices"), "Authorization", bearer(userToken())).json().path("voices"),
                        v -> !v.path(4).path("preview_url").isNull() && !v.path(5).path("preview_url").isNull());

        JsonNode rachel = voices.path(4);
        assertThat(rachel.path("id").asString()).isEqualTo("elevenlabs:" + RACHEL);
        assertThat(rachel.path("offline").asBoolean()).isFalse();
        String rachelUrl = rachel.path("preview_url").asString();
        assertThat(rachelUrl).as("on our store, pre-signed, not the vendor's CDN").doesNotContain(VENDOR.baseUrl())
                .contains("/previews/voices/elevenlabs-").contains("X-Amz-Signature=");
        Http.Response played = Http.get(rachelUrl);
        assertThat(played.status()).isEqualTo(200);
        assertThat(played.body()).isEqualTo(new String(rachelSample, StandardCharsets.UTF_8));
        String jenniferUrl = voices.path(5).path("preview_url").asString();
        assertThat(jenniferUrl).contains("/previews/voices/playht-");
        assertThat(Http.get(jenniferUrl).body()).isEqualTo(new String(jenniferSample, StandardCharsets.UTF_8));

        Http.Response again = Http.get(url("/api/v1/voices"), "Authorization", bearer(userToken()));
        assertThat(again.json().path("voices").path(4).path("preview_url").asString()).contains("/previews/voices/elevenlabs-");
        assertThat(VENDOR.findAll(getRequestedFor(urlPathEqualTo(rachelPath))))
                .as("copied once, never fetched per listing").hasSize(1);
    }
}
