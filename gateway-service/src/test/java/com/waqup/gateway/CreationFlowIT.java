package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceProcess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * From a confirmed conversation to a voiced, stored practice, through the gateway and every real service:
 * the job goes to ready, the MP3 is in S3 at the contract's key with the requested length and loudness,
 * and the person paid exactly the price once; a failing script writer or voice releases the hold and says why; a
 * voicing service killed mid-job and restarted still produces one audio and one charge.
 */
class CreationFlowIT extends JourneySupport {

    @Test
    void shouldVoiceStoreAndChargeOnceForAConfirmedAffirmationSet() throws Exception {
        Person person = registerPerson("create");
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(person.token()) == 1);
        String ritual = converseAndConfirm(person.token(), "affirmation", "1 minute of affirmations for confidence at work, in the morning at home");

        JsonNode job = awaitJob(person.token(), ritual, "ready");
        assertThat(job.path("progress").asInt()).isEqualTo(100);
        assertThat(balance(person.token())).as("the price of an affirmation set, once").isZero();
        JsonNode consumption = get(person.token(), "/api/v1/credits/transactions?transaction_type=consumption").json().path("transactions");
        assertThat(consumption).hasSize(1);
        assertThat(consumption.get(0).path("status").asString()).isEqualTo("completed");

        JsonNode item = awaitLibraryItem(person.token(), ritual);
        assertThat(item.path("content_type").asString()).isEqualTo("affirmation");
        assertThat(item.path("title").asString()).isNotBlank();
        assertThat(item.path("content_text").asString().toLowerCase()).contains("confiden");
        String audioUrl = item.path("audio_url").asString();
        assertThat(objectKeys("audio/" + person.id() + "/")).containsExactly("audio/" + person.id() + "/" + ritual + "/1.mp3");
        assertThat(URI.create(audioUrl).getPath()).as("the contract's key").endsWith("/audio/" + person.id() + "/" + ritual + "/1.mp3");

        Path mp3 = download(audioUrl, Files.createTempFile("flow-", ".mp3"));
        try {
            byte[] head = Files.readAllBytes(mp3);
            assertThat(head.length).isGreaterThan(100_000);
            assertThat((head[0] == 'I' && head[1] == 'D' && head[2] == '3') || ((head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0))
                    .as("an MP3 stream").isTrue();
            assertThat(seconds(mp3)).as("the requested minute, within 10 %").isBetween(54.0, 66.0);
            assertThat(item.path("duration").asDouble()).isBetween(54.0, 66.0);
            double[] loudness = loudness(mp3);
            assertThat(loudness[0]).as("integrated loudness").isBetween(-17.0, -15.0);
            assertThat(loudness[1]).as("true peak").isLessThanOrEqualTo(-1.0);
        } finally {
            Files.deleteIfExists(mp3);
        }
    }

    @Test
    void shouldReleaseTheHoldAndSayWhyWhenTheScriptWriterFails() {
        // the LLM writer, with its vendor unreachable (a closed port): every attempt fails, the job must not charge
        GENERATION = GENERATION.restart(Map.of("LLM_PROVIDER", "openai", "OPENAI_API_KEY", "test-key",
                "OPENAI_BASE_URL", "http://127.0.0.1:" + ServiceProcess.freePort(), "LLM_MAX_ATTEMPTS", "2", "LLM_RETRY_DELAY", "100ms"));
        try {
            Person person = registerPerson("writer-down");
            await().atMost(Duration.ofSeconds(30)).until(() -> balance(person.token()) == 1);
            String ritual = converseAndConfirm(person.token(), "ritual", "a 2 minute evening ritual to let go of the day, at home");
            JsonNode job = awaitJob(person.token(), ritual, "failed");
            assertThat(job.path("failure_reason").asString()).isNotBlank();
            assertThat(job.toString()).doesNotContain("Exception", "127.0.0.1", "test-key");
            await().atMost(Duration.ofSeconds(20)).until(() -> balance(person.token()) == 1);
            assertThat(get(person.token(), "/api/v1/content/" + ritual).status()).as("nothing reached the library").isEqualTo(404);
        } finally {
            GENERATION = GENERATION.restart(Map.of("LLM_PROVIDER", "composer"));
        }
    }

    @Test
    void shouldReleaseTheHoldAndSayWhyWhenTheVoiceVendorRefuses() {
        Person person = registerPerson("voice-down");
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(person.token()) == 1);
        Http.Response chosen = Http.send("PUT", url("/api/v1/users/me"), "{\"preferences\":{\"voice_id\":\"elevenlabs:flowTestVoice\"}}",
                "Content-Type", "application/json", "Authorization", "Bearer " + person.token());
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        String ritual = converseAndConfirm(person.token(), "affirmation", "1 minute of affirmations for calm, in the evening at home");

        JsonNode job = awaitJob(person.token(), ritual, "failed");
        assertThat(job.path("failure_reason").asString()).isNotBlank();
        assertThat(job.toString()).doesNotContain("flow-test-key", "Exception", "invalid_api_key");
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(person.token()) == 1);
        assertThat(ELEVENLABS.findAll(WireMock.postRequestedFor(
                WireMock.urlPathEqualTo("/v1/text-to-speech/flowTestVoice"))))
                .as("the vendor was asked, once: a refused key is not retried").hasSize(1);
        assertThat(objectKeys("audio/" + person.id() + "/")).as("no audio stored").isEmpty();
        assertThat(get(person.token(), "/api/v1/content/" + ritual).status()).isEqualTo(404);
    }

    @Test
    void shouldProduceOneAudioAndOneChargeWhenTheVoicingServiceDiesMidJob() throws Exception {
        Person person = fundedPerson("crash", 5);
        String ritual = converseAndConfirm(person.token(), "guided_meditation", "a 5 minute guided meditation to help me sleep, in bed in the evening");
        awaitJob(person.token(), ritual, "voicing");
        await("audio-generation reports its first stage").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(person.token(), "/api/v1/generations/" + ritual).json().path("progress").asInt() > 30);
        AUDIO.crash(); // SIGKILL mid-render: the message is unacknowledged, the lease left behind
        AUDIO = AUDIO.restart(Map.of());

        awaitJob(person.token(), ritual, "ready");
        assertThat(balance(person.token())).as("a guided meditation costs 2, charged once").isEqualTo(4);
        JsonNode consumption = get(person.token(), "/api/v1/credits/transactions?transaction_type=consumption").json().path("transactions");
        assertThat(consumption).hasSize(1);
        assertThat(objectKeys("audio/" + person.id() + "/" + ritual + "/")).as("one audio")
                .containsExactly("audio/" + person.id() + "/" + ritual + "/1.mp3");
        JsonNode item = awaitLibraryItem(person.token(), ritual);
        Path mp3 = download(item.path("audio_url").asString(), Files.createTempFile("flow-", ".mp3"));
        try {
            assertThat(seconds(mp3)).as("five minutes, within 10 %").isBetween(270.0, 330.0);
        } finally {
            Files.deleteIfExists(mp3);
        }
    }
}
