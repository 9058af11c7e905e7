package com.waqup.library.revoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.Http;
import com.waqup.library.GenerationStandIn;
import com.waqup.library.LibraryITSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Script edit and re-voice on the real service, PostgreSQL, RabbitMQ and S3; content-generation's re-voice endpoint
 * is stood in, and its events ({@code content.ready}, {@code generation.failed}) are published on the broker as it
 * publishes them.
 */
class RevoiceIT extends LibraryITSupport {

    static final GenerationStandIn GENERATION = GenerationStandIn.get();

    static String script(Object... textAndPause) {
        List<Map<String, Object>> segments = new ArrayList<>();
        for (int i = 0; i < textAndPause.length; i += 2) {
            Map<String, Object> segment = new LinkedHashMap<>();
            segment.put("text", textAndPause[i]);
            segment.put("pause_after", textAndPause[i + 1]);
            segments.add(segment);
        }
        return JSON.writeValueAsString(Map.of("segments", segments));
    }

    static final String GOOD_SCRIPT = script("Find a comfortable position and let your shoulders drop.", 20.0,
            "Breathe in slowly, and breathe out even more slowly.", 25.0, "Rest here, with nothing to do.", 20.0);

    String error(Http.Response response) {
        return response.json().path("error").path("code").asString();
    }

    @Test
    void shouldVoiceTheEditedScriptAsTheNextVersionAndDeleteTheOldAudioOnlyWhenItIsReady() {
        UUID user = UUID.randomUUID();
        UUID item = ready(user);
        String v1 = audioKey(user, item, 1);

        Http.Response edited = send("PUT", "/api/v1/content/" + item + "/script", user, GOOD_SCRIPT);
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("status").asString()).isEqualTo("pending");
        assertThat(edited.json().path("segments")).hasSize(3);
        assertThat(get("/api/v1/content/" + item, user).json().path("content_text").asString())
                .as("the item is unchanged until it is re-voiced").doesNotContain("shoulders");

        Http.Response started = send("POST", "/api/v1/content/" + item + "/revoice", user,
                "{\"voice_id\": \"en-us-male\", \"pace\": \"slow\"}");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        UUID job = GenerationStandIn.jobId(item, 2);
        assertThat(started.json().path("job_id").asString()).isEqualTo(job.toString());
        assertThat(started.json().path("version").asInt()).isEqualTo(2);
        assertThat(started.json().path("status").asString()).isEqualTo("generating");
        assertThat(started.json().path("cost").asInt()).isZero();
        JsonNode asked = GENERATION.requestsFor(item).getLast();
        assertThat(asked.path("version").asInt()).isEqualTo(2);
        assertThat(asked.path("user_id").asString()).isEqualTo(user.toString());
        assertThat(asked.path("voice_id").asString()).isEqualTo("en-us-male");
        assertThat(asked.path("pace").asString()).isEqualTo("slow");
        assertThat(asked.path("content_type").asString()).isEqualTo("guided_meditation");
        assertThat(asked.path("sections").findValuesAsString("text")).containsExactly(
                "Find a comfortable position and let your shoulders drop.",
                "Breathe in slowly, and breathe out even more slowly.", "Rest here, with nothing to do.");
        assertThat(asked.path("sections").get(0).path("kind").asString()).isEqualTo("settling");
        assertThat(asked.path("context").path("intent").asString()).isEqualTo("sleep");

        assertThat(error(send("POST", "/api/v1/content/" + item + "/revoice", user, "{}")))
                .as("one re-voice at a time").isEqualTo("REVOICE_IN_PROGRESS");
        assertThat(send("PUT", "/api/v1/content/" + item + "/script", user, GOOD_SCRIPT).status()).isEqualTo(409);
        JsonNode playing = get("/api/v1/content/" + item, user).json();
        assertThat(playing.path("version").asInt()).as("the old version plays meanwhile").isEqualTo(1);
        assertThat(playing.path("audio_url").asString()).contains("/" + item + "/1.mp3");
        assertThat(Http.get(playing.path("audio_url").asString()).status()).isEqualTo(200);

        Map<String, Object> v2 = readyData(user, item, 2);
        v2.put("job_id", job.toString());
        v2.put("content_text", "Find a comfortable position and let your shoulders drop.");
        v2.put("voice", Map.of("id", "en-us-male", "name", "Noah"));
        v2.put("credits_charged", 0);
        ready(user, v2);

        JsonNode now = get("/api/v1/content/" + item, user).json();
        assertThat(now.path("version").asInt()).isEqualTo(2);
        assertThat(now.path("audio_url").asString()).contains("/" + item + "/2.mp3");
        assertThat(now.path("voice").path("id").asString()).isEqualTo("en-us-male");
        assertThat(Http.get(now.path("audio_url").asString()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> !keysUnder(v1).contains(v1));
        assertThat(keysUnder("audio/" + user + "/" + item + "/")).containsExactly(audioKey(user, item, 2));
        assertThat(jdbc.queryForObject("select count(*) from content_item_version where content_item_id = ?",
                Integer.class, item)).isEqualTo(1);

        Http.Response next = send("POST", "/api/v1/content/" + item + "/revoice", user, null);
        assertThat(next.status()).as("ready again: a new re-voice may start").isEqualTo(202);
        assertThat(next.json().path("version").asInt()).isEqualTo(3);
        assertThat(GENERATION.requestsFor(item).getLast().path("voice_id").asString())
                .as("no voice asked: the item's").isEqualTo("en-us-male");
    }

    @Test
    void shouldKeepTheCurrentVersionAndGiveTheEditedScriptBackWhenTheReVoiceFails() {
        UUID user = UUID.randomUUID();
        UUID item = ready(user);
        assertThat(send("PUT", "/api/v1/content/" + item + "/script", user, GOOD_SCRIPT).status()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/content/" + item + "/revoice", user, "{\"voice_id\": \"en-gb-female\"}")
                .status()).isEqualTo(202);
        assertThat(jdbc.queryForObject("select count(*) from pending_script where content_item_id = ?", Integer.class,
                item)).as("the script moved into the re-voice").isZero();

        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("job_id", GenerationStandIn.jobId(item, 2).toString());
        failed.put("ritual_id", item.toString());
        failed.put("content_id", item.toString());
        failed.put("user_id", user.toString());
        failed.put("session_id", "revoice:" + item + ":2");
        failed.put("code", "TTS_FAILED");
        failed.put("reason", "The audio could not be produced: the voice engine stopped");
        failed.put("credits_released", true);
        publish(EventEnvelope.of("generation.failed", failed));

        await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(jdbc.queryForObject(
                "select status from revoice where content_item_id = ? and version = 2", String.class, item)));
        assertThat(jdbc.queryForObject("select count(*) from pending_script where content_item_id = ?", Integer.class,
                item)).as("the edited script is pending again").isEqualTo(1);
        JsonNode current = get("/api/v1/content/" + item, user).json();
        assertThat(current.path("version").asInt()).isEqualTo(1);
        assertThat(Http.get(current.path("audio_url").asString()).status()).isEqualTo(200);

        Http.Response retry = send("POST", "/api/v1/content/" + item + "/revoice", user, "{}");
        assertThat(retry.status()).as(retry.body()).isEqualTo(202);
        assertThat(retry.json().path("version").asInt()).as("the failed version is not reused").isEqualTo(3);
        assertThat(GENERATION.requestsFor(item).getLast().path("sections").findValuesAsString("text"))
                .contains("Rest here, with nothing to do.");
    }

    @Test
    void shouldRejectABadScriptWithA400NamingTheField() {
        UUID user = UUID.randomUUID();
        UUID item = ready(user);
        String path = "/api/v1/content/" + item + "/script";

        Http.Response empty = send("PUT", path, user, script("Breathe in slowly.", 30.0, "  ", 30.0));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("error").path("details").path("fields").has("segments[1].text")).as(empty.body()).isTrue();

        Http.Response pause = send("PUT", path, user, script("Breathe in slowly.", 61.0, "Rest.", 10.0));
        assertThat(pause.status()).isEqualTo(400);
        assertThat(pause.json().path("error").path("details").path("fields").has("segments[0].pause_after")).isTrue();

        Http.Response negative = send("PUT", path, user, script("Breathe in slowly.", -1.0));
        assertThat(negative.json().path("error").path("details").path("fields").has("segments[0].pause_after")).isTrue();

        Http.Response tooShort = send("PUT", path, user, script("Breathe in slowly.", 10.0));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().path("error").path("details").path("fields").path("segments").asString())
                .contains("a practice lasts 54 to 3960 s");

        Http.Response none = send("PUT", path, user, "{\"segments\": []}");
        assertThat(none.status()).isEqualTo(400);
        Http.Response missing = send("PUT", path, user, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("error").path("details").path("fields").has("segments")).isTrue();

        Http.Response badPace = send("POST", "/api/v1/content/" + item + "/revoice", user, "{\"pace\": \"ludicrous\"}");
        assertThat(badPace.status()).isEqualTo(400);
        assertThat(badPace.json().path("error").path("details").path("fields").has("pace")).isTrue();
        assertThat(GENERATION.requestsFor(item)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from pending_script where content_item_id = ?", Integer.class,
                item)).isZero();
    }

    @Test
    void shouldAnswer404ForSomeoneElsesItemWithoutChangingIt() {
        UUID owner = UUID.randomUUID();
        UUID item = ready(owner);
        UUID other = UUID.randomUUID();

        Http.Response edit = send("PUT", "/api/v1/content/" + item + "/script", other, GOOD_SCRIPT);
        Http.Response revoice = send("POST", "/api/v1/content/" + item + "/revoice", other, "{}");
        Http.Response unknown = send("POST", "/api/v1/content/" + UUID.randomUUID() + "/revoice", owner, "{}");

        assertThat(edit.status()).isEqualTo(404);
        assertThat(error(edit)).isEqualTo("CONTENT_NOT_FOUND");
        assertThat(revoice.status()).isEqualTo(404);
        assertThat(error(revoice)).isEqualTo("CONTENT_NOT_FOUND");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(GENERATION.requestsFor(item)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from pending_script where content_item_id = ?", Integer.class,
                item)).isZero();
    }

    @Test
    void shouldPassOnContentGenerations402AndLetThePersonTryAgain() {
        UUID user = UUID.randomUUID();
        UUID item = ready(user);
        GENERATION.refuse(item, 402, "INSUFFICIENT_CREDITS", "Not enough credits: 2 needed, 0 available");

        Http.Response refused = send("POST", "/api/v1/content/" + item + "/revoice", user,
                "{\"voice_id\": \"elevenlabs:21m00Tcm4TlvDq8Ikwcn\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(402);
        assertThat(error(refused)).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(get("/api/v1/content/" + item, user).json().path("version").asInt()).isEqualTo(1);
        assertThat(send("PUT", "/api/v1/content/" + item + "/script", user, GOOD_SCRIPT).status())
                .as("nothing runs: the script can be edited").isEqualTo(200);
    }
}
