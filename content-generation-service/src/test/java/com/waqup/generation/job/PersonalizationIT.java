package com.waqup.generation.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.generation.GenerationITSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Personalizing a bought pack item ({@code POST /internal/personalizations}): a creation whose writer re-makes the
 * creator's script for the buyer (name, intent, pace), with the type's credits held (real credit-service), captured
 * when the audio is stored, released when it fails; the same personalization id is the same job and the same hold.
 */
class PersonalizationIT extends GenerationITSupport {

    static final String TEMPLATE = """
            Welcome. Settle into a comfortable position and let your shoulders soften.
            Breathe in slowly through your nose, and let the breath go.

            Notice the weight of your body resting where you are.
            Let each breath carry a little more of the day away.

            When you are ready, open your eyes and return, carrying this calm with you.""";

    Http.Response personalize(UUID personalization, UUID user, String name, String pace, String voice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("personalization_id", personalization.toString());
        body.put("user_id", user.toString());
        body.put("content_type", "guided_meditation");
        body.put("title", "Evening Calm");
        body.put("template_text", TEMPLATE);
        body.put("name", name);
        body.put("voice_id", voice);
        body.put("pace", pace);
        body.put("intent", "sleep");
        body.put("duration_seconds", 120);
        body.put("pack_id", UUID.randomUUID().toString());
        body.put("pack_item_id", UUID.randomUUID().toString());
        body.put("personalized_from", UUID.randomUUID().toString());
        return Http.post(url("/internal/personalizations"), json(body), "Content-Type", "application/json",
                "Authorization", serviceToken());
    }

    @Test
    void shouldRewriteTheCreatorsScriptForTheBuyerHoldTheTypesCreditsAndCaptureThemWhenReady() {
        UUID user = personWithCredits(3);
        UUID personalization = UUID.randomUUID();

        Http.Response created = personalize(personalization, user, "Ana", "slower", "en-us-male");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID job = UUID.fromString(created.json().path("job_id").asString());
        assertThat(created.json().path("ritual_id").asString()).as("a new item: the job's id").isEqualTo(job.toString());
        assertThat(created.json().path("cost").asInt()).as("a guided meditation's price").isEqualTo(2);
        assertThat(available(user)).isEqualTo(1);

        Http.Response again = personalize(personalization, user, "Ana", "slower", "en-us-male");
        assertThat(again.status()).as("a double click: the same job").isEqualTo(200);
        assertThat(again.json().path("job_id").asString()).isEqualTo(job.toString());
        assertThat(available(user)).as("held once").isEqualTo(1);

        JsonNode requested = awaitPublished("audio.requested", job).path("data");
        assertThat(requested.path("pace").asString()).as("the buyer's pace").isEqualTo("slower");
        assertThat(requested.path("voice_id").asString()).isEqualTo("en-us-male");
        java.util.List<String> lines = requested.path("segments").findValuesAsString("text");
        assertThat(lines.getFirst()).isEqualTo("Ana, this practice is yours.");
        assertThat(lines).contains("Let it support your sleep.",
                "Let each breath carry a little more of the day away.", "Well done, Ana.");
        assertThat(lines).anyMatch(l -> l.startsWith("Ana, welcome."));
        assertThat(lines).anyMatch(l -> l.startsWith("Ana, notice the weight"));
        assertThat(jdbc.queryForObject("select writer from generation_script where job_id = ?", String.class, job))
                .isEqualTo("personalized");
        double pauses = requested.path("segments").findValues("pause_after").stream().mapToDouble(JsonNode::asDouble).sum();
        long words = lines.stream().mapToLong(l -> l.split("\\s+").length).sum();
        assertThat(words * 60.0 / 110 + pauses).as("fitted to the creator's 2 minutes at the slower pace")
                .isBetween(108.0, 132.0);

        Map<String, Object> completed = new LinkedHashMap<>();
        completed.put("job_id", job.toString());
        completed.put("content_id", job.toString());
        completed.put("user_id", user.toString());
        completed.put("version", 1);
        completed.put("audio_key", "audio/" + user + "/" + job + "/1.mp3");
        completed.put("format", "mp3");
        completed.put("duration_seconds", 121.0);
        completed.put("size_bytes", 900_000);
        completed.put("bitrate_kbps", 128);
        completed.put("voice", Map.of("id", "en-us-male", "name", "Noah", "provider", "flite"));
        publishAsAudioService("audio.completed", completed);

        JsonNode ready = awaitPublished("content.ready", job).path("data");
        assertThat(ready.path("title").asString()).isEqualTo("Evening Calm for Ana");
        assertThat(ready.path("content_text").asString()).contains("Ana, this practice is yours.");
        assertThat(ready.path("credits_charged").asInt()).isEqualTo(2);
        assertThat(ready.path("context").path("personalization").path("personalized_from").asString()).isNotBlank();
        assertThat(ready.path("context").path("personalization").has("template_text"))
                .as("the template is not copied into the item's context").isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> "captured".equals(hold(job).json().path("status").asString()));
        assertThat(available(user)).isEqualTo(1);
    }

    @Test
    void shouldReleaseTheHoldWhenTheAudioFails() {
        UUID user = personWithCredits(2);
        Http.Response created = personalize(UUID.randomUUID(), user, null, null, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID job = UUID.fromString(created.json().path("job_id").asString());
        assertThat(available(user)).isZero();
        JsonNode requested = awaitPublished("audio.requested", job).path("data");
        assertThat(requested.path("segments").get(0).path("text").asString()).isEqualTo("This practice is yours.");

        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("job_id", job.toString());
        failed.put("content_id", job.toString());
        failed.put("user_id", user.toString());
        failed.put("version", 1);
        failed.put("code", "TTS_FAILED");
        failed.put("reason", "speech synthesis failed");
        failed.put("retryable", false);
        publishAsAudioService("audio.failed", failed);

        assertThat(awaitPublished("generation.failed", job).path("data").path("credits_released").asBoolean()).isTrue();
        assertThat(available(user)).isEqualTo(2);
    }

    @Test
    void shouldRefuseWithoutEnoughCreditsAndStoreNothing() {
        UUID user = personWithCredits(1);
        UUID personalization = UUID.randomUUID();
        Http.Response refused = personalize(personalization, user, "Ana", null, null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(402);
        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(jdbc.queryForObject("select count(*) from generation_job where session_id = ?", Integer.class,
                "personalize:" + personalization)).isZero();
        assertThat(available(user)).isEqualTo(1);
    }
}
