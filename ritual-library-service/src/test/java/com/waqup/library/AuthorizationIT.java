package com.waqup.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Someone else's item, event, folder or share is a 404 on every endpoint, and changes nothing. */
class AuthorizationIT extends LibraryITSupport {

    @Test
    void shouldAnswer404ToAnotherPersonOnEveryEndpointAndChangeNothing() {
        UUID owner = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        UUID item = ready(owner);
        String folder = ok(send("POST", "/api/v1/content/folders", owner, "{\"name\":\"Mine\"}")).path("id").asString();
        String share = ok(send("POST", "/api/v1/content/" + item + "/shares", owner, null)).path("share_id").asString();
        String event = ok(send("POST", "/api/v1/content/" + item + "/play", owner,
                "{\"started_at\":\"" + Instant.now().minusSeconds(60) + "\"}")).path("practice_event_id").asString();
        String strangersFolder = ok(send("POST", "/api/v1/content/folders", stranger, "{\"name\":\"Theirs\"}"))
                .path("id").asString();
        UUID strangersItem = ready(stranger);

        Map<String, String[]> calls = new LinkedHashMap<>();
        calls.put("detail", new String[] { "GET", "/api/v1/content/" + item, null });
        calls.put("update", new String[] { "PUT", "/api/v1/content/" + item, "{\"title\":\"Hijacked\"}" });
        calls.put("export", new String[] { "GET", "/api/v1/content/" + item + "/export?format=both", null });
        calls.put("play", new String[] { "POST", "/api/v1/content/" + item + "/play", "{\"started_at\":\"" + Instant.now() + "\"}" });
        calls.put("complete own item path", new String[] { "POST", "/api/v1/content/" + item + "/complete",
                "{\"practice_event_id\":\"" + event + "\",\"completed_at\":\"" + Instant.now() + "\",\"duration\":5}" });
        calls.put("complete via own item", new String[] { "POST", "/api/v1/content/" + strangersItem + "/complete",
                "{\"practice_event_id\":\"" + event + "\",\"completed_at\":\"" + Instant.now() + "\",\"duration\":5}" });
        calls.put("favorite", new String[] { "PUT", "/api/v1/content/" + item + "/favorite", null });
        calls.put("unfavorite", new String[] { "DELETE", "/api/v1/content/" + item + "/favorite", null });
        calls.put("move item", new String[] { "PUT", "/api/v1/content/" + item + "/folder", "{\"folder_id\":null}" });
        calls.put("move into foreign folder", new String[] { "PUT", "/api/v1/content/" + strangersItem + "/folder",
                "{\"folder_id\":\"" + folder + "\"}" });
        calls.put("rename folder", new String[] { "PATCH", "/api/v1/content/folders/" + folder, "{\"name\":\"Hijacked\"}" });
        calls.put("delete folder", new String[] { "DELETE", "/api/v1/content/folders/" + folder, null });
        calls.put("create share", new String[] { "POST", "/api/v1/content/" + item + "/shares", "{}" });
        calls.put("list shares", new String[] { "GET", "/api/v1/content/" + item + "/shares", null });
        calls.put("revoke share", new String[] { "DELETE", "/api/v1/content/shares/" + share, null });
        calls.put("delete item", new String[] { "DELETE", "/api/v1/content/" + item, null });
        calls.forEach((name, call) -> {
            Http.Response r = send(call[0], call[1], stranger, call[2]);
            assertThat(r.status()).as("%s: %s", name, r.body()).isEqualTo(404);
            assertThat(r.json().path("error").path("code").asString()).as(name).endsWith("NOT_FOUND");
            assertThat(r.body()).as(name).doesNotContain(owner.toString());
        });

        // nothing of the owner's is visible in the stranger's lists, history or stats
        assertThat(ok(get("/api/v1/content", stranger)).path("content_items").toString()).doesNotContain(item.toString());
        JsonNode folders = ok(get("/api/v1/content/folders", stranger)).path("folders");
        assertThat(folders.size()).isEqualTo(1);
        assertThat(folders.get(0).path("id").asString()).isEqualTo(strangersFolder);
        assertThat(ok(get("/api/v1/content?folder_id=" + folder, stranger)).path("content_items").size()).isZero();
        assertThat(ok(get("/api/v1/users/me/history?ritual_id=" + item, stranger)).path("practice_events").size()).isZero();
        assertThat(ok(get("/api/v1/users/me/stats", stranger)).path("total_sessions").asInt()).isZero();

        // and the owner's data is untouched
        JsonNode detail = ok(get("/api/v1/content/" + item, owner));
        assertThat(detail.path("title").asString()).isEqualTo("Evening Calm");
        assertThat(detail.path("favorite").asBoolean()).isFalse();
        assertThat(ok(get("/api/v1/content/folders", owner)).path("folders").get(0).path("name").asString()).isEqualTo("Mine");
        assertThat(ok(get("/api/v1/content/" + item + "/shares", owner)).path("shares").get(0).path("status").asString())
                .isEqualTo("active");
        assertThat(jdbc.queryForObject("select completed_at is null from practice_event where id = ?::uuid", Boolean.class, event))
                .isTrue();
        assertThat(jdbc.queryForObject("select play_count from content_item where id = ?", Integer.class, item)).isEqualTo(1);
    }

    @Test
    void shouldRefuseEveryLibraryEndpointWithoutAToken() {
        for (String path : new String[] { "/api/v1/content", "/api/v1/content/" + UUID.randomUUID(), "/api/v1/content/folders",
                "/api/v1/users/me/history", "/api/v1/users/me/stats" }) {
            Http.Response r = Http.get(url(path));
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.json().path("error").path("code").asString()).isEqualTo("UNAUTHORIZED");
        }
    }
}
