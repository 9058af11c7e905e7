package com.waqup.library.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import com.waqup.library.LibraryITSupport;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import tools.jackson.databind.JsonNode;

/** The library's part of the account export and of the account deletion. */
class PrivacyIT extends LibraryITSupport {

    final String service = bearer(TestTokens.shared().service("user-service", "ritual-library-service"));

    /** A person with two items (one at version 2), a folder, a favourite, a share and two practice events. */
    UUID personWithEverything() {
        UUID user = UUID.randomUUID();
        UUID a = ready(user);
        ready(user, readyData(user, a, 2));
        UUID b = ready(user);
        String folder = ok(send("POST", "/api/v1/content/folders", user, "{\"name\":\"Evenings\"}")).path("id").asString();
        ok(send("PUT", "/api/v1/content/" + a + "/folder", user, "{\"folder_id\":\"" + folder + "\"}"));
        ok(send("PUT", "/api/v1/content/" + b + "/favorite", user, null));
        ok(send("POST", "/api/v1/content/" + a + "/shares", user, null));
        Instant started = Instant.now().minusSeconds(900);
        String event = ok(send("POST", "/api/v1/content/" + a + "/play", user, "{\"started_at\":\"" + started + "\"}"))
                .path("practice_event_id").asString();
        ok(send("POST", "/api/v1/content/" + a + "/complete", user, "{\"practice_event_id\":\"" + event
                + "\",\"completed_at\":\"" + started.plusSeconds(600) + "\",\"duration\":600}"));
        ok(send("POST", "/api/v1/content/" + b + "/play", user, "{\"started_at\":\"" + started + "\"}"));
        ok(get("/api/v1/content/" + a, user)); // cached
        return user;
    }

    @Test
    void shouldExportEverythingTheLibraryHoldsAboutAPersonToAServiceOnly() throws Exception {
        UUID user = personWithEverything();
        ready(UUID.randomUUID()); // someone else
        assertThat(Http.get(url("/internal/users/" + user + "/export"), "Authorization", token(user)).status())
                .as("a user token is not enough").isEqualTo(403);
        assertThat(Http.get(url("/internal/users/" + user + "/export")).status()).isEqualTo(401);

        Http.Response response = Http.get(url("/internal/users/" + user + "/export"), "Authorization", service);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode export = response.json().path("data");
        assertThat(export.path("content_items").size()).isEqualTo(2);
        JsonNode withVersions = null;
        for (JsonNode item : export.path("content_items")) {
            assertThat(item.path("content_text").asString()).isNotBlank();
            if (item.path("versions").size() == 1 && item.path("versions").get(0).path("version").asInt() == 2) {
                withVersions = item;
            }
        }
        assertThat(withVersions).as("the regenerated item lists its current version (the replaced one was deleted)")
                .isNotNull();
        HttpResponse<byte[]> v1 = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(withVersions
                .path("versions").get(0).path("audio_url").asString())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(v1.statusCode()).isEqualTo(200);
        assertThat(v1.body()).isEqualTo(mp3());
        assertThat(export.path("practice_events").size()).isEqualTo(2);
        assertThat(export.path("folders").get(0).path("name").asString()).isEqualTo("Evenings");
        assertThat(export.path("shares").size()).isEqualTo(1);
        assertThat(export.path("shares").get(0).has("token")).isFalse();
        assertThat(export.path("favorites").size()).isEqualTo(1);
        assertThat(response.json().path("user_id").asString()).isEqualTo(user.toString());
        assertThat(response.json().path("service").asString()).isEqualTo("ritual-library");
    }

    @Test
    void shouldEraseEveryRowAndObjectOfAPersonAndConfirmThroughTheOutbox() throws Exception {
        Queue queue = listen("user.deleted.ritual-library");
        UUID user = personWithEverything();
        UUID neighbour = UUID.randomUUID();
        UUID kept = ready(neighbour);
        // two items, one of them regenerated: its first version's audio went when the second was ready
        await().atMost(Duration.ofSeconds(15)).until(() -> keysUnder("audio/" + user + "/").size() == 2);
        List<UUID> items = jdbc.queryForList("select id from content_item where user_id = ?", UUID.class, user);

        EventEnvelope<Map<String, Object>> request = EventEnvelope.of("user.deletion_requested",
                Map.of("user_id", user.toString(), "requested_at", Instant.now().toString()));
        publish(request);
        publish(request); // redelivered: erased and confirmed once

        JsonNode confirmation = awaitEvent(queue, e -> e.path("data").path("user_id").asString().equals(user.toString()));
        assertThat(confirmation.path("type").asString()).isEqualTo("user.deleted.ritual-library");
        JsonNode data = confirmation.path("data");
        assertThat(PracticeNames.sorted(data)).isEqualTo(PracticeNames.sorted(golden("user.deleted.ritual-library")));
        assertThat(data.path("service").asString()).isEqualTo("ritual-library");
        assertThat(data.path("objects_deleted").asInt()).isEqualTo(2);
        // 2 items + 1 current version each + 1 folder + 1 share + 2 practice events = 8 rows at least
        assertThat(data.path("rows_deleted").asInt()).isGreaterThanOrEqualTo(8);

        assertThat(keysUnder("audio/" + user + "/")).as("no object left").isEmpty();
        assertThat(keysUnder("audio/" + neighbour + "/")).hasSize(1);
        for (UUID item : items) {
            assertThat(redis.hasKey("ritual:" + item + ":metadata")).isFalse();
        }
        // every table of the schema, every column: nothing mentions the person (the outbox row of the confirmation
        // leaves once relayed)
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (String table : jdbc.queryForList("select table_name from information_schema.tables where table_schema ="
                    + " 'library' and table_type = 'BASE TABLE'", String.class)) {
                Integer rows = jdbc.queryForObject("select count(*) from library." + table + " t where t::text like ?",
                        Integer.class, "%" + user + "%");
                assertThat(rows).as("rows of %s in %s", user, table).isZero();
            }
        });
        assertThat(get("/api/v1/content", user).json().path("pagination").path("total").asInt()).isZero();
        assertThat(get("/api/v1/content/" + kept, neighbour).status()).as("others untouched").isEqualTo(200);

        // a creation that was still on its way when the erasure ran does not bring the person back
        UUID late = UUID.randomUUID();
        EventEnvelope<Map<String, Object>> lateEvent = publishReady(readyData(user, late, 1));
        UUID after = ready(neighbour); // processed after the late event (one queue, in order)
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = ?", Integer.class, lateEvent.eventId()) == 1);
        assertThat(jdbc.queryForObject("select count(*) from content_item where id = ?", Integer.class, late))
                .as("received and ignored").isZero();
        assertThat(jdbc.queryForObject("select count(*) from content_item where id = ?", Integer.class, after)).isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> drain(queue).stream()
                .noneMatch(e -> e.path("data").path("user_id").asString().equals(user.toString())));
        amqp.deleteQueue(queue.getName());
    }

    /** Field names, sorted. */
    static final class PracticeNames {
        static List<String> sorted(JsonNode node) {
            List<String> names = new ArrayList<>(node.propertyNames());
            Collections.sort(names);
            return names;
        }
    }
}
