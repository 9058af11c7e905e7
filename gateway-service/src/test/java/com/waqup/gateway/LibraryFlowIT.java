package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.waqup.common.test.Http;
import com.waqup.common.test.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The library as a person lives it, through the gateway and every real service: create two practices,
 * find, open, download (with Range) and practise them, see history and stats, export one, delete one (its audio
 * leaves the bucket), export the whole account, then erase the account: tokens and login stop working and no schema
 * and no object keeps anything of the person.
 */
class LibraryFlowIT extends JourneySupport {

    static final List<String> SCHEMAS = List.of("users", "credit", "conversation", "generation", "audio", "library");

    Http.Response put(String token, String path, String body) {
        return Http.send("PUT", url(path), body, "Content-Type", "application/json", "Authorization", "Bearer " + token);
    }

    Http.Response delete(String token, String path, String body) {
        return Http.send("DELETE", url(path), body, "Content-Type", "application/json", "Authorization", "Bearer " + token);
    }

    /** Rows naming the person in every schema (each row rendered as text), by table. */
    static List<String> rowsNaming(String userId) {
        List<String> found = new ArrayList<>();
        SCHEMAS.forEach(schema -> found.addAll(TestDatabase.rowsNaming(schema, userId)));
        return found;
    }

    @Test
    void shouldKeepPlayExportDeleteAndFinallyEraseEverythingOfAPerson() throws Exception {
        Person person = fundedPerson("library", 5);
        String kept = converseAndConfirm(person.token(), "affirmation", "1 minute of affirmations for gratitude, in the morning at home");
        awaitJob(person.token(), kept, "ready");
        String removed = converseAndConfirm(person.token(), "ritual", "a 1 minute morning ritual for focus at my desk");
        awaitJob(person.token(), removed, "ready");
        awaitLibraryItem(person.token(), kept);
        awaitLibraryItem(person.token(), removed);

        // find and open
        JsonNode list = get(person.token(), "/api/v1/content?limit=1").json();
        assertThat(list.path("pagination").path("total").asInt()).isEqualTo(2);
        assertThat(list.path("pagination").path("pages").asInt()).isEqualTo(2);
        assertThat(list.path("content_items").get(0).path("id").asString()).as("newest first").isEqualTo(removed);
        assertThat(get(person.token(), "/api/v1/content?content_type=affirmation").json().path("content_items").get(0).path("id").asString())
                .isEqualTo(kept);
        JsonNode detail = get(person.token(), "/api/v1/content/" + kept).json();
        assertThat(detail.path("voice").path("id").asString()).isNotBlank();
        assertThat(detail.path("structure").isObject()).isTrue();
        assertThat(detail.path("context").path("intent").asString()).isEqualTo("gratitude");

        // the audio, whole and in part
        HttpClient http = HttpClient.newHttpClient();
        URI audio = URI.create(detail.path("audio_url").asString());
        HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(audio).header("Range", "bytes=0-99").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).hasSize(100);
        assertThat(part.headers().firstValue("Content-Range").orElse("")).startsWith("bytes 0-99/");

        // practise: play, complete (twice: idempotent), history, stats; replay is free
        int credits = balance(person.token());
        Http.Response play = post(person.token(), "/api/v1/content/" + kept + "/play", "{\"started_at\":\"" + Instant.now().minusSeconds(70) + "\"}");
        assertThat(play.status()).as(play.body()).isEqualTo(201);
        String event = play.json().path("practice_event_id").asString();
        String completion = "{\"practice_event_id\":\"" + event + "\",\"completed_at\":\"" + Instant.now().minusSeconds(5) + "\",\"duration\":60}";
        assertThat(post(person.token(), "/api/v1/content/" + kept + "/complete", completion).json().path("status").asString()).isEqualTo("completed");
        assertThat(post(person.token(), "/api/v1/content/" + kept + "/complete", completion).status()).isEqualTo(200);
        assertThat(balance(person.token())).as("replay never touches credits").isEqualTo(credits);
        JsonNode history = get(person.token(), "/api/v1/users/me/history").json();
        assertThat(history.path("practice_events")).hasSize(1);
        assertThat(history.path("practice_events").get(0).path("ritual_id").asString()).isEqualTo(kept);
        assertThat(history.path("practice_events").get(0).path("ritual_title").asString()).isEqualTo(detail.path("title").asString());
        JsonNode stats = get(person.token(), "/api/v1/users/me/stats").json();
        assertThat(stats.path("total_sessions").asInt()).isEqualTo(1);
        assertThat(stats.path("current_streak").asInt()).isEqualTo(1);
        assertThat(stats.path("minutes_by_content_type").path("affirmation").asDouble()).isEqualTo(1.0);

        // another person sees none of it
        String stranger = register("stranger");
        assertThat(get(stranger, "/api/v1/content/" + kept).status()).isEqualTo(404);
        assertThat(post(stranger, "/api/v1/content/" + kept + "/play", "{\"started_at\":\"" + Instant.now() + "\"}").status()).isEqualTo(404);
        assertThat(post(stranger, "/api/v1/content/" + kept + "/complete", completion).status()).isEqualTo(404);
        assertThat(get(stranger, "/api/v1/content/" + kept + "/export?format=both").status()).isEqualTo(404);
        assertThat(delete(stranger, "/api/v1/content/" + kept, null).status()).isEqualTo(404);
        assertThat(get(stranger, "/api/v1/content").json().path("content_items")).isEmpty();

        // export one item, delete the other: its audio leaves the bucket
        JsonNode exported = get(person.token(), "/api/v1/content/" + kept + "/export?format=both").json();
        assertThat(exported.path("text").asString()).isEqualTo(detail.path("content_text").asString());
        assertThat(exported.path("audio_url").asString()).isNotBlank();
        assertThat(objectKeys("audio/" + person.id() + "/" + removed + "/")).isNotEmpty();
        JsonNode deleted = delete(person.token(), "/api/v1/content/" + removed, null).json();
        assertThat(deleted.path("status").asString()).isEqualTo("deleted");
        assertThat(deleted.path("content_item_id").asString()).isEqualTo(removed);
        await().atMost(Duration.ofSeconds(30)).until(() -> objectKeys("audio/" + person.id() + "/" + removed + "/").isEmpty());
        assertThat(get(person.token(), "/api/v1/content/" + removed).status()).isEqualTo(404);
        assertThat(get(person.token(), "/api/v1/content").json().path("pagination").path("total").asInt()).isEqualTo(1);

        // the whole account, from every service
        Http.Response account = get(person.token(), "/api/v1/users/me/export");
        assertThat(account.status()).as(account.body()).isEqualTo(200);
        JsonNode services = account.json().path("services");
        assertThat(account.json().path("user").path("email").asString()).isEqualTo(person.email());
        assertThat(services.path("credit").path("transactions").size()).isGreaterThanOrEqualTo(3);
        assertThat(services.path("conversation").toString()).contains("gratitude");
        assertThat(services.path("content-generation").path("generations")).hasSize(2);
        assertThat(services.path("audio-generation").toString()).contains(kept);
        assertThat(services.path("ritual-library").toString()).contains(kept, event);

        // erase the account
        assertThat(delete(person.token(), "/api/v1/users/me", "{\"password\":\"wrong-password\"}").status()).isEqualTo(401);
        Http.Response erase = delete(person.token(), "/api/v1/users/me", "{\"password\":\"" + person.password() + "\"}");
        assertThat(erase.status()).as(erase.body()).isEqualTo(202);
        Http.Response afterwards = get(person.token(), "/api/v1/content");
        assertThat(afterwards.status()).as("the token is revoked at the gateway").isEqualTo(401);
        assertThat(Http.post(url("/api/v1/auth/login"), json("email", person.email(), "password", person.password()),
                "Content-Type", "application/json").status()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(rowsNaming(person.id())).as("rows naming the person").isEmpty();
            assertThat(objectKeys("audio/" + person.id() + "/")).as("objects of the person").isEmpty();
        });
        assertThat(get(stranger, "/api/v1/content").status()).as("anyone else carries on").isEqualTo(200);
    }
}
