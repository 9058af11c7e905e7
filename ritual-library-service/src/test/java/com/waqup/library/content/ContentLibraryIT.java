package com.waqup.library.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.Http;
import com.waqup.library.LibraryITSupport;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** content.ready into the library; list, detail, signed audio, cache, organization, export and deletion. */
class ContentLibraryIT extends LibraryITSupport {

    @Autowired
    MeterRegistry meters;

    // ---- content.ready ---------------------------------------------------------------------------------------

    @Test
    void shouldCreateTheItemWithTheSeedFieldsFromContentReady() {
        UUID user = UUID.randomUUID();
        UUID id = ready(user);
        Map<String, Object> row = jdbc.queryForMap("select * from content_item where id = ?", id);
        assertThat(row.get("user_id")).isEqualTo(user);
        assertThat(row.get("content_type")).isEqualTo("guided_meditation");
        assertThat(row.get("title")).isEqualTo("Evening Calm");
        assertThat(row.get("depth")).isEqualTo("deep");
        assertThat(row.get("audio_key")).isEqualTo(audioKey(user, id, 1));
        assertThat(row.get("audio_format")).isEqualTo("mp3");
        assertThat(((Number) row.get("audio_size_bytes")).longValue()).isEqualTo(mp3().length);
        assertThat(row.get("version")).isEqualTo(1);
        assertThat(row.get("play_count")).isEqualTo(0);
        assertThat(jdbc.queryForObject("select count(*) from content_item_version where content_item_id = ?", Integer.class, id))
                .isEqualTo(1);

        JsonNode detail = ok(get("/api/v1/content/" + id, user));
        assertThat(detail.path("tags").toString()).as("normalized lowercase").isEqualTo("[\"sleep\",\"evening\"]");
        assertThat(detail.path("voice").path("id").asString()).isEqualTo("en-us-female");
        assertThat(detail.path("voice").path("name").asString()).isEqualTo("Ava");
        assertThat(detail.path("structure").path("sections").get(0).path("kind").asString()).isEqualTo("settling");
        assertThat(detail.path("context").path("intent").asString()).isEqualTo("sleep");
        assertThat(detail.path("content_text").asString()).startsWith("Find a comfortable position");
        assertThat(detail.path("duration").asInt()).isEqualTo(3);
        assertThat(detail.path("created_at").asString()).isNotBlank();
        assertThat(detail.has("user_id")).as("no owner or object key on the wire").isFalse();
        assertThat(detail.has("audio_key")).isFalse();
    }

    @Test
    void shouldIgnoreARedeliveredContentReady() {
        UUID user = UUID.randomUUID();
        Map<String, Object> data = readyData(user, UUID.randomUUID(), 1);
        UUID id = ready(user, data);
        EventEnvelope<Map<String, Object>> event = new EventEnvelope<>(UUID.randomUUID(), "content.ready",
                Instant.now(), "c", data);
        publish(event);
        publish(event);
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = ?", Integer.class, event.eventId()) == 1);
        assertThat(jdbc.queryForObject("select count(*) from content_item where id = ?", Integer.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from content_item_version where content_item_id = ?", Integer.class, id))
                .isEqualTo(1);
    }

    @Test
    void shouldAddAHigherVersionMakeItCurrentAndIgnoreALowerOne() {
        UUID user = UUID.randomUUID();
        UUID id = ready(user);
        ok(get("/api/v1/content/" + id, user)); // cached now
        assertThat(redis.hasKey(MetadataCache.key(id))).isTrue();

        Map<String, Object> v2 = readyData(user, id, 2);
        v2.put("content_text", "Second version of the script.");
        v2.put("audio_duration", 7);
        v2.put("title", "Evening Calm, renewed");
        ready(user, v2);

        assertThat(redis.hasKey(MetadataCache.key(id))).as("a new version evicts the cache").isFalse();
        JsonNode detail = ok(get("/api/v1/content/" + id, user));
        assertThat(detail.path("version").asInt()).isEqualTo(2);
        assertThat(detail.path("content_text").asString()).isEqualTo("Second version of the script.");
        assertThat(detail.path("title").asString()).isEqualTo("Evening Calm, renewed");
        assertThat(detail.path("duration").asInt()).isEqualTo(7);
        assertThat(detail.path("audio_url").asString()).contains("/" + id + "/2.mp3");
        assertThat(jdbc.queryForList("select version from content_item_version where content_item_id = ? order by version",
                Integer.class, id)).as("the replaced version is gone").containsExactly(2);
        await().atMost(Duration.ofSeconds(15)).until(() -> keysUnder("audio/" + user + "/" + id + "/"),
                keys -> keys.equals(List.of(audioKey(user, id, 2))));

        EventEnvelope<Map<String, Object>> old = publishReady(readyData(user, id, 1));
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = ?", Integer.class, old.eventId()) == 1);
        assertThat(ok(get("/api/v1/content/" + id, user)).path("version").asInt()).as("a lower version changes nothing")
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from content_item_version where content_item_id = ?", Integer.class, id))
                .isEqualTo(1);
    }

    @Test
    void shouldKeepTheTitleAndTagsThePersonEditedWhenANewVersionArrives() {
        UUID user = UUID.randomUUID();
        UUID id = ready(user);
        ok(send("PUT", "/api/v1/content/" + id, user, "{\"title\":\"My calm\",\"tags\":[\"mine\"]}"));
        ready(user, readyData(user, id, 2));
        JsonNode detail = ok(get("/api/v1/content/" + id, user));
        assertThat(detail.path("version").asInt()).isEqualTo(2);
        assertThat(detail.path("title").asString()).isEqualTo("My calm");
        assertThat(detail.path("tags").toString()).isEqualTo("[\"mine\"]");
    }

    @Test
    void shouldParkAMalformedContentReadyInTheDeadLetterQueueAndShowItInTheDlqDepthGauge() {
        Map<String, Object> data = readyData(UUID.randomUUID(), UUID.randomUUID(), 1);
        data.put("content_type", "poem");
        String marker = (String) data.get("content_id");
        publishReady(data);
        // waqup_dlq_depth (what the WaqupDeadLetterQueueNotEmpty alert reads) counts it while it is parked
        String gauge = "waqup_dlq_depth{";
        String queue = "queue=\"" + ContentReadyConsumer.QUEUE + ".dlq\"";
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(managementUrl("/actuator/prometheus")).body().lines()
                .filter(l -> l.startsWith(gauge) && l.contains(queue))
                .anyMatch(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 1));
        List<JsonNode> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Message m;
            while ((m = rabbit.receive(ContentReadyConsumer.QUEUE + ".dlq")) != null) {
                dead.add(JSON.readTree(m.getBody()));
            }
            return dead.stream().anyMatch(e -> e.path("data").path("content_id").asString().equals(marker));
        });
        assertThat(jdbc.queryForObject("select count(*) from content_item where id = ?::uuid", Integer.class, marker)).isZero();
    }

    // ---- list ------------------------------------------------------------------------------------------------

    @Test
    void shouldListOnlyTheCallersItemsNewestFirstWithTheSeedPagination() {
        UUID user = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(ready(user));
        }
        ready(UUID.randomUUID()); // someone else's
        JsonNode page1 = ok(get("/api/v1/content?limit=2", user));
        JsonNode pagination = page1.path("pagination");
        assertThat(pagination.path("page").asInt()).isEqualTo(1);
        assertThat(pagination.path("limit").asInt()).isEqualTo(2);
        assertThat(pagination.path("total").asInt()).isEqualTo(5);
        assertThat(pagination.path("pages").asInt()).isEqualTo(3);
        assertThat(pagination.path("has_next").asBoolean()).isTrue();
        assertThat(pagination.path("has_prev").asBoolean()).isFalse();
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            ok(get("/api/v1/content?limit=2&page=" + page, user)).path("content_items")
                    .forEach(item -> seen.add(item.path("id").asString()));
        }
        assertThat(seen).containsExactlyElementsOf(ids.reversed().stream().map(UUID::toString).toList());
        JsonNode last = ok(get("/api/v1/content?limit=2&page=3", user));
        assertThat(last.path("pagination").path("has_next").asBoolean()).isFalse();
        assertThat(last.path("pagination").path("has_prev").asBoolean()).isTrue();
        JsonNode item = page1.path("content_items").get(0);
        for (String field : List.of("id", "content_type", "title", "depth", "duration", "tags", "created_at", "last_played_at",
                "play_count")) {
            assertThat(item.has(field)).as(field).isTrue();
        }
        assertThat(ok(get("/api/v1/content?page=9", user)).path("content_items").size()).isZero();
    }

    @Test
    void shouldFilterByContentTypeDepthAndAnyOfTheTags() {
        UUID user = UUID.randomUUID();
        UUID sleep = ready(user, "guided_meditation", "deep", List.of("sleep", "evening"));
        UUID focus = ready(user, "affirmation", "shallow", List.of("focus", "morning"));
        UUID ritual = ready(user, "ritual", "medium", List.of("morning"));
        UUID none = ready(user, "ritual", "deep", List.of());
        assertThat(ids("/api/v1/content?content_type=ritual", user)).containsExactly(none, ritual);
        assertThat(ids("/api/v1/content?depth=deep", user)).containsExactly(none, sleep);
        assertThat(ids("/api/v1/content?tags=sleep&tags=focus", user)).containsExactly(focus, sleep);
        assertThat(ids("/api/v1/content?tags=SLEEP,focus", user)).containsExactly(focus, sleep);
        assertThat(ids("/api/v1/content?tags=morning&content_type=ritual", user)).containsExactly(ritual);
        assertThat(ids("/api/v1/content?tags=nothing", user)).isEmpty();
        assertThat(ids("/api/v1/content", user)).hasSize(4);
    }

    @Test
    void shouldRefuseInvalidListParametersWithTheErrorEnvelope() {
        UUID user = UUID.randomUUID();
        for (String query : List.of("content_type=poem", "depth=abyss", "limit=0", "limit=101", "page=0", "page=x",
                "favorite=maybe", "folder_id=nope")) {
            Http.Response response = get("/api/v1/content?" + query, user);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().path("error").path("code").asString()).as(query).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(get("/api/v1/content?limit=100", user).status()).isEqualTo(200);
    }

    List<UUID> ids(String path, UUID user) {
        List<UUID> ids = new ArrayList<>();
        ok(get(path, user)).path("content_items").forEach(i -> ids.add(UUID.fromString(i.path("id").asString())));
        return ids;
    }

    // ---- audio -------------------------------------------------------------------------------------------------

    @Test
    void shouldSignAnAudioUrlThatServesTheMp3AndAnswersARangeWith206() throws Exception {
        UUID user = UUID.randomUUID();
        UUID id = ready(user);
        JsonNode detail = ok(get("/api/v1/content/" + id, user));
        String audioUrl = detail.path("audio_url").asString();
        assertThat(audioUrl).contains("X-Amz-Signature=").contains("X-Amz-Expires=3600");
        assertThat(Instant.parse(detail.path("audio_url_expires_at").asString()))
                .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> whole = client.send(HttpRequest.newBuilder(URI.create(audioUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(mp3());
        assertThat(isMp3(whole.body())).as("ID3 tag or MPEG frame sync").isTrue();
        HttpResponse<byte[]> range = client.send(HttpRequest.newBuilder(URI.create(audioUrl)).header("Range", "bytes=0-99")
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).hasSize(100).isEqualTo(Arrays.copyOf(mp3(), 100));
        HttpResponse<byte[]> tampered = client.send(HttpRequest.newBuilder(URI.create(audioUrl.replace("/1.mp3", "/2.mp3")))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tampered.statusCode()).as("the signature covers the key").isEqualTo(403);
    }

    static boolean isMp3(byte[] b) {
        return (b[0] == 'I' && b[1] == 'D' && b[2] == '3') || ((b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0);
    }

    // ---- cache -------------------------------------------------------------------------------------------------

    double cache(String result) {
        var counter = meters.find("waqup.cache.requests").tag("cache", "metadata").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldServeTheSecondReadFromRedisAndEvictOnEveryChange() {
        UUID user = UUID.randomUUID();
        UUID id = ready(user);
        String key = MetadataCache.key(id);
        assertThat(redis.hasKey(key)).isFalse();
        double hits = cache("hit");
        double misses = cache("miss");
        ok(get("/api/v1/content/" + id, user));
        assertThat(cache("miss")).isEqualTo(misses + 1);
        assertThat(redis.hasKey(key)).isTrue();
        Long ttl = redis.getExpire(key);
        assertThat(ttl).isBetween(3500L, 3600L);
        assertThat(redis.opsForValue().get(key)).as("metadata only, never a signed URL").doesNotContain("X-Amz-Signature");
        ok(get("/api/v1/content/" + id, user));
        assertThat(cache("hit")).isEqualTo(hits + 1);
        assertThat(cache("miss")).isEqualTo(misses + 1);

        ok(send("PUT", "/api/v1/content/" + id, user, "{\"title\":\"Renamed\"}"));
        assertThat(redis.hasKey(key)).as("PUT evicts").isFalse();
        assertThat(ok(get("/api/v1/content/" + id, user)).path("title").asString()).isEqualTo("Renamed");
        assertThat(cache("miss")).isEqualTo(misses + 2);

        ok(send("PUT", "/api/v1/content/" + id + "/favorite", user, null));
        assertThat(redis.hasKey(key)).as("favourite evicts").isFalse();
        ok(get("/api/v1/content/" + id, user));
        ok(send("DELETE", "/api/v1/content/" + id, user, null));
        assertThat(redis.hasKey(key)).as("delete evicts").isFalse();

        String prometheus = Http.get(managementUrl("/actuator/prometheus")).body();
        assertThat(prometheus).containsPattern("waqup_cache_requests_total\\{[^}]*result=\"hit\"");
        assertThat(prometheus).containsPattern("waqup_cache_requests_total\\{[^}]*result=\"miss\"");
    }

    @Test
    void shouldReplaceAnUnreadableCacheEntryInsteadOfFailing() {
        UUID user = UUID.randomUUID();
        UUID id = ready(user);
        redis.opsForValue().set(MetadataCache.key(id), "{not json", Duration.ofMinutes(5));
        assertThat(ok(get("/api/v1/content/" + id, user)).path("title").asString()).isEqualTo("Evening Calm");
        assertThat(redis.opsForValue().get(MetadataCache.key(id))).contains("Evening Calm");
    }

    @Test
    void shouldNotEvictTheCacheWhenAPlayIsCounted() {
        UUID user = UUID.randomUUID();
        UUID id = ready(user);
        ok(get("/api/v1/content/" + id, user));
        ok(send("POST", "/api/v1/content/" + id + "/play", user, "{\"started_at\":\"" + Instant.now() + "\"}"));
        assertThat(redis.hasKey(MetadataCache.key(id))).isTrue();
        assertThat(ok(get("/api/v1/content", user)).path("content_items").get(0).path("play_count").asInt()).isEqualTo(1);
    }

    // ---- organization ----------------------------------------------------------------------------------------

    @Test
    void shouldUpdateTitleAndNormalizedTagsAndRefuseInvalidOnes() {
        UUID user = UUID.randomUUID();
        UUID id = ready(user);
        JsonNode updated = ok(send("PUT", "/api/v1/content/" + id, user,
                "{\"title\":\"  Night Reset \",\"tags\":[\" Sleep \",\"DEEP rest\",\"sleep\"]}"));
        assertThat(updated.path("title").asString()).isEqualTo("Night Reset");
        assertThat(updated.path("tags").toString()).isEqualTo("[\"sleep\",\"deep rest\"]");
        assertThat(updated.path("audio_url").asString()).isNotBlank();
        assertThat(ok(send("PUT", "/api/v1/content/" + id, user, "{\"tags\":[]}")).path("title").asString())
                .as("a field left out stays").isEqualTo("Night Reset");
        String tooMany = "[" + String.join(",", Collections.nCopies(21, "\"t\"")) + "]";
        for (String body : List.of("{}", "{\"title\":\"\"}", "{\"title\":\"" + "x".repeat(121) + "\"}",
                "{\"tags\":" + tooMany + "}", "{\"tags\":[\"" + "y".repeat(41) + "\"]}", "{\"tags\":[\" \"]}")) {
            Http.Response response = send("PUT", "/api/v1/content/" + id, user, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().path("error").path("code").asString()).as(body).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void shouldRefuseTextPostgresCannotStoreInTitlesTagsAndFolderNamesNamingTheField() {
        UUID user = UUID.randomUUID();
        UUID id = ready(user);
        record Case(String method, String path, String body, String field) {
        }
        for (Case c : List.of(
                new Case("PUT", "/api/v1/content/" + id, "{\"title\":\"Night\\u0000Reset\"}", "title"),
                new Case("PUT", "/api/v1/content/" + id, "{\"tags\":[\"sleep\",\"de\\u0000ep\"]}", "tags[1]"),
                new Case("POST", "/api/v1/content/folders", "{\"name\":\"Even\\u0000ings\"}", "name"),
                new Case("POST", "/api/v1/content/folders", "{\"name\":\"Evenings \\ud83d\"}", "name"))) {
            Http.Response response = send(c.method(), c.path(), user, c.body());
            assertThat(response.status()).as(c.body() + ": " + response.body()).isEqualTo(400);
            assertThat(response.json().path("error").path("details").path("fields").path(c.field()).asString())
                    .as(c.body()).contains("NUL", "surrogate");
        }
        assertThat(ok(get("/api/v1/content/folders", user)).path("folders").size()).as("no folder stored as '?'").isZero();
        assertThat(ok(get("/api/v1/content/" + id, user)).path("title").asString()).doesNotContain("Reset");
    }

    @Test
    void shouldOrganizeItemsInFoldersThatKeepTheirItemsWhenDeleted() {
        UUID user = UUID.randomUUID();
        UUID a = ready(user);
        UUID b = ready(user);
        Http.Response created = send("POST", "/api/v1/content/folders", user, "{\"name\":\"Evenings\"}");
        assertThat(created.status()).isEqualTo(201);
        String folder = created.json().path("id").asString();
        assertThat(send("POST", "/api/v1/content/folders", user, "{\"name\":\"evenings\"}").status())
                .as("names are unique per person, case-insensitive").isEqualTo(409);
        assertThat(send("POST", "/api/v1/content/folders", user, "{\"name\":\"  \"}").status()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/content/folders", UUID.randomUUID(), "{\"name\":\"Evenings\"}").status())
                .as("another person may use the same name").isEqualTo(201);

        JsonNode moved = ok(send("PUT", "/api/v1/content/" + a + "/folder", user, "{\"folder_id\":\"" + folder + "\"}"));
        assertThat(moved.path("folder_id").asString()).isEqualTo(folder);
        assertThat(ids("/api/v1/content?folder_id=" + folder, user)).containsExactly(a);
        assertThat(ok(get("/api/v1/content/" + a, user)).path("folder_id").asString()).isEqualTo(folder);
        JsonNode list = ok(get("/api/v1/content/folders", user));
        assertThat(list.path("folders").get(0).path("name").asString()).isEqualTo("Evenings");
        assertThat(list.path("folders").get(0).path("item_count").asInt()).isEqualTo(1);

        JsonNode renamed = ok(send("PATCH", "/api/v1/content/folders/" + folder, user, "{\"name\":\"Nights\"}"));
        assertThat(renamed.path("name").asString()).isEqualTo("Nights");
        assertThat(send("PUT", "/api/v1/content/" + b + "/folder", user, "{\"folder_id\":\"" + UUID.randomUUID() + "\"}").status())
                .isEqualTo(404);

        JsonNode deleted = ok(send("DELETE", "/api/v1/content/folders/" + folder, user, null));
        assertThat(deleted.path("status").asString()).isEqualTo("deleted");
        assertThat(ids("/api/v1/content", user)).containsExactlyInAnyOrder(a, b);
        assertThat(ok(get("/api/v1/content/" + a, user)).path("folder_id").isNull()).as("cache evicted").isTrue();
        assertThat(send("DELETE", "/api/v1/content/folders/" + folder, user, null).status()).isEqualTo(404);

        String other = ok(send("POST", "/api/v1/content/folders", user, "{\"name\":\"Mornings\"}")).path("id").asString();
        ok(send("PUT", "/api/v1/content/" + b + "/folder", user, "{\"folder_id\":\"" + other + "\"}"));
        assertThat(ok(send("PUT", "/api/v1/content/" + b + "/folder", user, "{\"folder_id\":null}")).path("folder_id").isNull())
                .isTrue();
        assertThat(ids("/api/v1/content?folder_id=" + other, user)).isEmpty();
    }

    @Test
    void shouldMarkAndUnmarkFavouritesAndFilterByThem() {
        UUID user = UUID.randomUUID();
        UUID a = ready(user);
        UUID b = ready(user);
        assertThat(ok(send("PUT", "/api/v1/content/" + a + "/favorite", user, null)).path("favorite").asBoolean()).isTrue();
        ok(send("PUT", "/api/v1/content/" + a + "/favorite", user, null)); // idempotent
        assertThat(ids("/api/v1/content?favorite=true", user)).containsExactly(a);
        assertThat(ids("/api/v1/content?favorite=false", user)).containsExactly(b);
        assertThat(ok(get("/api/v1/content/" + a, user)).path("favorite").asBoolean()).isTrue();
        assertThat(ok(send("DELETE", "/api/v1/content/" + a + "/favorite", user, null)).path("favorite").asBoolean()).isFalse();
        assertThat(ids("/api/v1/content?favorite=true", user)).isEmpty();
    }

    // ---- export and deletion --------------------------------------------------------------------------------

    @Test
    void shouldExportTextAudioOrBoth() throws Exception {
        UUID user = UUID.randomUUID();
        UUID id = ready(user);
        JsonNode text = ok(get("/api/v1/content/" + id + "/export?format=text", user));
        assertThat(text.path("text").asString()).startsWith("Find a comfortable position");
        assertThat(text.has("audio_url")).isFalse();
        assertThat(text.path("exported_at").asString()).isNotBlank();
        JsonNode audio = ok(get("/api/v1/content/" + id + "/export?format=audio", user));
        assertThat(audio.has("text")).isFalse();
        HttpResponse<byte[]> mp3 = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(audio.path("audio_url")
                .asString())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(mp3.body()).isEqualTo(mp3());
        JsonNode both = ok(get("/api/v1/content/" + id + "/export?format=both", user));
        assertThat(both.has("text")).isTrue();
        assertThat(both.has("audio_url")).isTrue();
        assertThat(ok(get("/api/v1/content/" + id + "/export", user)).has("text")).as("default both").isTrue();
        Http.Response bad = get("/api/v1/content/" + id + "/export?format=pdf", user);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("code").asString()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void shouldDeleteTheItemItsVersionsAndEveryAudioObjectButKeepTheHistory() {
        UUID user = UUID.randomUUID();
        UUID id = ready(user);
        ready(user, readyData(user, id, 2));
        upload("audio/" + user + "/" + id + "/2.ogg"); // an extra format under the item's prefix
        UUID kept = ready(user);
        String started = Instant.now().minusSeconds(60).toString();
        String event = ok(send("POST", "/api/v1/content/" + id + "/play", user, "{\"started_at\":\"" + started + "\"}"))
                .path("practice_event_id").asString();
        await().atMost(Duration.ofSeconds(15)).until(() -> keysUnder("audio/" + user + "/" + id + "/").size() == 2);
        assertThat(keysUnder("audio/" + user + "/" + id + "/")).as("v1 went when v2 was ready; v2 in two formats")
                .containsExactlyInAnyOrder(audioKey(user, id, 2), "audio/" + user + "/" + id + "/2.ogg");

        JsonNode deleted = ok(send("DELETE", "/api/v1/content/" + id, user, null));
        assertThat(deleted.path("status").asString()).isEqualTo("deleted");
        assertThat(deleted.path("content_item_id").asString()).isEqualTo(id.toString());
        assertThat(keysUnder("audio/" + user + "/" + id + "/")).as("every version and format is gone").isEmpty();
        assertThat(keysUnder("audio/" + user + "/" + kept + "/")).as("other items keep their audio").hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from storage_cleanup", Integer.class)).isZero();
        assertThat(get("/api/v1/content/" + id, user).status()).isEqualTo(404);
        assertThat(ids("/api/v1/content", user)).containsExactly(kept);
        assertThat(jdbc.queryForObject("select count(*) from content_item_version where content_item_id = ?", Integer.class, id))
                .isZero();
        assertThat(send("DELETE", "/api/v1/content/" + id, user, null).status()).isEqualTo(404);
        JsonNode history = ok(get("/api/v1/users/me/history", user));
        assertThat(history.path("practice_events").get(0).path("id").asString()).isEqualTo(event);
        assertThat(history.path("practice_events").get(0).path("ritual_title").asString()).isEqualTo("Evening Calm");
    }
}
