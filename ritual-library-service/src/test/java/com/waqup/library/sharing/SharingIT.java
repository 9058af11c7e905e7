package com.waqup.library.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.library.LibraryITSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Share links: public, read-only, expiring, revocable, and nothing of the account in them. */
class SharingIT extends LibraryITSupport {

    JsonNode share(UUID user, UUID item, String body) {
        Http.Response r = send("POST", "/api/v1/content/" + item + "/shares", user, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    Http.Response open(String token) {
        return Http.get(url("/api/v1/content/shared/" + token)); // no Authorization header: public
    }

    @Test
    void shouldLetAnyoneWithTheLinkListenWithoutAnyAccountData() throws Exception {
        UUID user = UUID.randomUUID();
        UUID item = ready(user);
        JsonNode created = share(user, item, "{\"expires_in_hours\":2}");
        String token = created.path("token").asString();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(created.path("url").asString()).endsWith("/api/v1/content/shared/" + token);
        assertThat(Instant.parse(created.path("expires_at").asString()))
                .isBetween(Instant.now().plusSeconds(7100), Instant.now().plusSeconds(7300));
        assertThat(jdbc.queryForObject("select count(*) from share_link where token_hash = ?", Integer.class, token))
                .as("the token itself is never stored").isZero();

        Http.Response shared = open(token);
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
        JsonNode body = shared.json();
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("title", "content_type", "duration", "audio_url");
        assertThat(body.path("title").asString()).isEqualTo("Evening Calm");
        assertThat(shared.body()).doesNotContain(user.toString()).doesNotContain(item.toString());
        assertThat(shared.header("Cache-Control")).contains("no-store");
        String audioUrl = body.path("audio_url").asString();
        assertThat(audioUrl).isEqualTo("http://127.0.0.1:8080/api/v1/content/shared/" + token + "/audio");
        // the gateway is not running in the module's ITs: the same path on the service itself
        URI audio = URI.create(url("/api/v1/content/shared/" + token + "/audio"));
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> whole = client.send(HttpRequest.newBuilder(audio).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(mp3());
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        HttpResponse<byte[]> range = client.send(HttpRequest.newBuilder(audio).header("Range", "bytes=0-99").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOf(mp3(), 100));
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + mp3().length);
        HttpResponse<String> outside = client.send(HttpRequest.newBuilder(audio).header("Range", "bytes=99999999-").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.body()).contains("RANGE_NOT_SATISFIABLE");
        assertThat(client.send(HttpRequest.newBuilder(URI.create(url("/api/v1/content/shared/" + "C".repeat(43) + "/audio")))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    static List<String> fieldNames(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }

    @Test
    void shouldAnswer404ForUnknownMalformedRevokedAndExpiredLinks() {
        UUID user = UUID.randomUUID();
        UUID item = ready(user);
        assertThat(open("A".repeat(43)).status()).isEqualTo(404);
        assertThat(open("short").status()).isEqualTo(404);
        Http.Response unknown = open("B".repeat(43));
        assertThat(unknown.json().path("error").path("code").asString()).isEqualTo("SHARE_NOT_FOUND");

        JsonNode revoked = share(user, item, null);
        assertThat(open(revoked.path("token").asString()).status()).isEqualTo(200);
        JsonNode revocation = ok(send("DELETE", "/api/v1/content/shares/" + revoked.path("share_id").asString(), user, null));
        assertThat(revocation.path("status").asString()).isEqualTo("revoked");
        assertThat(open(revoked.path("token").asString()).status()).isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/content/shares/" + revoked.path("share_id").asString(), user, null).status())
                .as("revoking again answers the same").isEqualTo(200);

        JsonNode expired = share(user, item, "{\"expires_in_hours\":1}");
        jdbc.update("update share_link set expires_at = now() - interval '1 second' where id = ?::uuid",
                expired.path("share_id").asString());
        assertThat(open(expired.path("token").asString()).status()).isEqualTo(404);

        JsonNode active = share(user, item, "{}");
        JsonNode list = ok(get("/api/v1/content/" + item + "/shares", user));
        assertThat(list.path("shares").size()).isEqualTo(3);
        assertThat(list.toString()).doesNotContain(active.path("token").asString());
        Map<String, String> statuses = new HashMap<>();
        list.path("shares").forEach(s -> statuses.put(s.path("share_id").asString(), s.path("status").asString()));
        assertThat(statuses).containsEntry(revoked.path("share_id").asString(), "revoked")
                .containsEntry(expired.path("share_id").asString(), "expired")
                .containsEntry(active.path("share_id").asString(), "active");
        assertThat(Instant.parse(active.path("expires_at").asString())).as("default 7 days")
                .isBetween(Instant.now().plusSeconds(168 * 3600 - 60), Instant.now().plusSeconds(168 * 3600 + 60));
    }

    @Test
    void shouldRefuseAnInvalidLifetimeAndStopSharingADeletedItem() {
        UUID user = UUID.randomUUID();
        UUID item = ready(user);
        for (String body : List.of("{\"expires_in_hours\":0}", "{\"expires_in_hours\":721}", "{\"expires_in_hours\":\"x\"}")) {
            assertThat(send("POST", "/api/v1/content/" + item + "/shares", user, body).status()).as(body).isEqualTo(400);
        }
        String token = share(user, item, null).path("token").asString();
        ok(send("DELETE", "/api/v1/content/" + item, user, null));
        assertThat(open(token).status()).isEqualTo(404);
    }
}
