package com.waqup.audio.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.waqup.audio.AudioITSupport;
import com.waqup.common.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class VoicesIT extends AudioITSupport {

    @Test
    void shouldListTheOfflineVoicesWithTheDefaultFirstForASignedInPerson() {
        Http.Response response = Http.get(url("/api/v1/voices"), "Authorization", bearer(userToken()));
        assertThat(response.status()).isEqualTo(200);
        JsonNode voices = response.json().path("voices");
        assertThat(voices.size()).isGreaterThanOrEqualTo(4);
        JsonNode first = voices.path(0);
        assertThat(first.path("id").asString()).isEqualTo("en-us-female");
        assertThat(first.path("provider").asString()).isEqualTo("festival");
        assertThat(first.path("language").asString()).isEqualTo("en-US");
        assertThat(first.path("gender").asString()).isEqualTo("female");
        assertThat(first.path("is_default").asBoolean()).isTrue();
        assertThat(response.json().path("default_voice_id").asString()).isEqualTo("en-us-female");
        assertThat(voices.findValuesAsString("id")).contains("en-us-male", "en-gb-female", "en-gb-male");
        assertThat(response.body()).doesNotContain("engine_voice", "en-us+f3", "cmu_us_slt_arctic_hts");
    }

    @Test
    void shouldDescribeEachVoicesEngineAndOfferAPlayablePreviewOfTheOfflineVoices() throws Exception {
        JsonNode ava = await().atMost(Duration.ofSeconds(120)).until(() -> voice("en-us-female"),
                v -> !v.path("preview_url").isNull() && !v.path("preview_url").isMissingNode());
        assertThat(ava.path("engine").asString()).isEqualTo("festival");
        assertThat(ava.path("offline").asBoolean()).isTrue();
        assertThat(ava.path("language").asString()).isEqualTo("en-US");
        assertThat(ava.path("gender").asString()).isEqualTo("female");
        JsonNode oliver = voice("en-gb-male");
        assertThat(oliver.path("engine").asString()).isEqualTo("espeak");
        assertThat(oliver.path("offline").asBoolean()).isTrue();

        HttpResponse<byte[]> preview = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(ava.path("preview_url").asString())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(preview.statusCode()).isEqualTo(200);
        Path mp3 = Files.createTempFile("preview", ".mp3");
        try {
            Files.write(mp3, preview.body());
            double seconds = Double.parseDouble(tool("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                    "csv=p=0", mp3.toString()).trim());
            assertThat(seconds).as("a few seconds").isBetween(3.0, 15.0);
        } finally {
            Files.deleteIfExists(mp3);
        }
        String key = s3.listObjectsV2(b -> b.bucket(bucket()).prefix("previews/voices/en-us-female-")).contents().getFirst().key();
        assertThat(s3.headObject(b -> b.bucket(bucket()).key(key)).contentType()).isEqualTo("audio/mpeg");
    }

    @Test
    void shouldListVendorVoicesAsOnlineWithoutAPreview() {
        JsonNode voices = Http.get(url("/api/v1/voices"), "Authorization", bearer(userToken())).json().path("voices");
        for (JsonNode v : voices) {
            if (!v.path("id").asString().startsWith("en-")) {
                assertThat(v.path("offline").asBoolean()).as(v.path("id").asString()).isFalse();
                assertThat(v.path("preview_url").isNull()).isTrue();
            }
        }
    }

    private JsonNode voice(String id) {
        for (JsonNode v : Http.get(url("/api/v1/voices"), "Authorization", bearer(userToken())).json().path("voices")) {
            if (v.path("id").asString().equals(id)) {
                return v;
            }
        }
        throw new AssertionError("no voice " + id);
    }

    @Test
    void shouldRefuseTheVoicesWithoutAToken() {
        Http.Response response = Http.get(url("/api/v1/voices"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("error").path("code").asString()).isEqualTo("UNAUTHORIZED");
    }
}
