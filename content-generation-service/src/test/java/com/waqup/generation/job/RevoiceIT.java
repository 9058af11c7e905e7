package com.waqup.generation.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.generation.GenerationITSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Re-voicing an item the library holds ({@code POST /internal/revoices}): no script writing, the next version's
 * {@code audio.requested}, progress and {@code content.ready} as for a creation; free with an offline voice, held,
 * captured or released like a creation with a vendor voice (real credit-service).
 */
class RevoiceIT extends GenerationITSupport {

    static final List<Map<String, Object>> SECTIONS = List.of(
            Map.of("kind", "settling", "segments", List.of(
                    Map.of("text", "Welcome back. Let yourself arrive.", "pause_after", 4.0),
                    Map.of("text", "Notice the weight of your body.", "pause_after", 6.0))),
            Map.of("kind", "return", "segments", List.of(
                    Map.of("text", "When you are ready, open your eyes.", "pause_after", 2.0))));

    Http.Response revoice(UUID content, UUID user, int version, String voice, String pace, Object sections) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content_id", content.toString());
        body.put("user_id", user.toString());
        body.put("content_type", "guided_meditation");
        body.put("version", version);
        body.put("voice_id", voice);
        body.put("pace", pace);
        body.put("title", "Evening Calm");
        body.put("tags", List.of("calm", "evening"));
        body.put("depth", "medium");
        body.put("sections", sections);
        body.put("context", Map.of("intent", "calm", "background_sound", "rain", "voice_id", "en-us-female",
                "pace", "slower"));
        return Http.post(url("/internal/revoices"), json(body), "Content-Type", "application/json",
                "Authorization", serviceToken());
    }

    Map<String, Object> ids(UUID job, UUID content, UUID user, int version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", job.toString());
        data.put("content_id", content.toString());
        data.put("user_id", user.toString());
        data.put("version", version);
        return data;
    }

    JsonNode status(UUID job, UUID user) {
        Http.Response response = Http.get(url("/api/v1/generations/" + job), "Authorization", userToken(user));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void shouldVoiceTheSentScriptAsTheNextVersionForFreeWithAnOfflineVoice() {
        UUID user = personWithCredits(3);
        UUID content = UUID.randomUUID();

        Http.Response created = revoice(content, user, 2, "en-us-male", "slow", SECTIONS);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID job = UUID.fromString(created.json().path("job_id").asString());
        assertThat(job).isNotEqualTo(content);
        assertThat(created.json().path("ritual_id").asString()).isEqualTo(content.toString());
        assertThat(created.json().path("cost").asInt()).isZero();
        assertThat(hold(job).status()).as("nothing held").isEqualTo(404);
        JsonNode requested = awaitPublished("audio.requested", job).path("data");
        assertThat(requested.path("content_id").asString()).isEqualTo(content.toString());
        assertThat(requested.path("version").asInt()).isEqualTo(2);
        assertThat(requested.path("voice_id").asString()).isEqualTo("en-us-male");
        assertThat(requested.path("pace").asString()).as("the re-voice's pace wins").isEqualTo("slow");
        assertThat(requested.path("background").path("sound").asString()).isEqualTo("rain");
        assertThat(requested.path("segments").findValuesAsString("text")).containsExactly(
                "Welcome back. Let yourself arrive.", "Notice the weight of your body.", "When you are ready, open your eyes.");
        assertThat(requested.path("segments").get(1).path("pause_after").asDouble()).isEqualTo(6.0);
        JsonNode state = status(job, user);
        assertThat(state.path("status").asString()).isEqualTo("voicing");
        assertThat(state.path("ritual_id").asString()).isEqualTo(content.toString());
        assertThat(published("generation.progress", job)).extracting(e -> e.path("data").path("progress").asInt())
                .containsExactly(30);

        Http.Response again = revoice(content, user, 2, "en-us-male", "slow", SECTIONS);
        assertThat(again.status()).as("the same version again: the same job").isEqualTo(200);
        assertThat(again.json().path("job_id").asString()).isEqualTo(job.toString());

        Map<String, Object> completed = ids(job, content, user, 2);
        completed.put("audio_key", "audio/" + user + "/" + content + "/2.mp3");
        completed.put("format", "mp3");
        completed.put("duration_seconds", 31.2);
        completed.put("size_bytes", 499_000);
        completed.put("bitrate_kbps", 128);
        completed.put("voice", Map.of("id", "en-us-male", "name", "Noah", "provider", "flite"));
        publishAsAudioService("audio.completed", completed);

        JsonNode ready = awaitPublished("content.ready", job).path("data");
        assertThat(ready.path("content_id").asString()).isEqualTo(content.toString());
        assertThat(ready.path("version").asInt()).isEqualTo(2);
        assertThat(ready.path("audio_key").asString()).endsWith(content + "/2.mp3");
        assertThat(ready.path("credits_charged").asInt()).isZero();
        assertThat(ready.path("content_text").asString()).contains("Notice the weight of your body.");
        assertThat(ready.path("voice").path("id").asString()).isEqualTo("en-us-male");
        await().atMost(Duration.ofSeconds(20)).until(() -> "ready".equals(status(job, user).path("status").asString()));
        assertThat(available(user)).as("an offline re-voice is free").isEqualTo(3);
    }

    @Test
    void shouldHoldCreditsForAVendorVoiceAndReleaseThemWhenTheAudioFails() {
        UUID user = personWithCredits(3);
        UUID content = UUID.randomUUID();

        Http.Response created = revoice(content, user, 3, "elevenlabs:21m00Tcm4TlvDq8Ikwcn", null, SECTIONS);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID job = UUID.fromString(created.json().path("job_id").asString());
        assertThat(created.json().path("cost").asInt()).isEqualTo(2);
        assertThat(available(user)).isEqualTo(1);
        JsonNode requested = awaitPublished("audio.requested", job).path("data");
        assertThat(requested.path("pace").asString()).as("no pace asked: the item's").isEqualTo("slower");

        Map<String, Object> failed = ids(job, content, user, 3);
        failed.put("code", "TTS_FAILED");
        failed.put("reason", "speech synthesis failed (elevenlabs): elevenlabs answered HTTP 401");
        failed.put("retryable", false);
        publishAsAudioService("audio.failed", failed);

        JsonNode event = awaitPublished("generation.failed", job).path("data");
        assertThat(event.path("content_id").asString()).isEqualTo(content.toString());
        assertThat(event.path("credits_released").asBoolean()).isTrue();
        assertThat(available(user)).isEqualTo(3);
        assertThat(published("content.ready", job)).isEmpty();
    }

    @Test
    void shouldRefuseAVendorReVoiceWithoutEnoughCreditsAndStoreNothing() {
        UUID user = personWithCredits(1);
        UUID content = UUID.randomUUID();

        Http.Response refused = revoice(content, user, 2, "elevenlabs:21m00Tcm4TlvDq8Ikwcn", "slow", SECTIONS);

        assertThat(refused.status()).as(refused.body()).isEqualTo(402);
        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(jdbc.queryForObject("select count(*) from generation_job where content_id = ?", Integer.class, content))
                .isZero();
    }

    @Test
    void shouldRejectAnEmptySegmentNamingTheField() {
        UUID content = UUID.randomUUID();
        Http.Response refused = revoice(content, UUID.randomUUID(), 2, "en-us-female", null,
                List.of(Map.of("kind", "settling", "segments", List.of(Map.of("text", " ", "pause_after", 1.0)))));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("sections[0].segments[0].text");
    }
}
