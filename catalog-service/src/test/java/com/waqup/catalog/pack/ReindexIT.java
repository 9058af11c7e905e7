package com.waqup.catalog.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.waqup.catalog.CatalogITSupport;
import com.waqup.common.test.Http;
import com.waqup.common.test.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The index behind the alias: rebuilt into a new index and swapped with no moment where searches fail or miss. */
class ReindexIT extends CatalogITSupport {

    static final UUID READER = UUID.randomUUID();

    @Test
    void shouldRebuildIntoANewIndexAndSwapTheAliasWhileSearchesKeepFindingEveryPack() throws Exception {
        UUID creator = UUID.randomUUID();
        List<UUID> packs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            packs.add(published(packData(creator, "Swap Harbour " + i)));
        }
        awaitSearch(READER, p -> ids(p).containsAll(packs), "creator_id", creator.toString());
        String before = index.currentIndex();

        AtomicBoolean rebuilding = new AtomicBoolean(true);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        int[] searches = { 0 };
        Thread searcher = Thread.ofPlatform().start(() -> {
            while (rebuilding.get() || searches[0] < 5) {
                redis.opsForValue().increment("search:generation"); // every search goes to Elasticsearch
                Http.Response r = get("/api/v1/catalog/packs?search=swap+harbour&creator_id=" + creator, READER);
                searches[0]++;
                if (r.status() != 200) {
                    failures.add(r.status() + " " + r.body());
                } else if (!ids(r.json()).containsAll(packs)) {
                    failures.add("missing packs: " + r.body());
                }
            }
        });
        Http.Response response = Http.send("POST", url("/api/v1/admin/catalog/reindex"), null, "Authorization",
                token(UUID.randomUUID(), "user", "admin"));
        rebuilding.set(false);
        searcher.join();

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode rebuild = response.json();
        assertThat(rebuild.path("previous_index").asString()).isEqualTo(before);
        assertThat(rebuild.path("index").asString()).startsWith(INDEX + "-v" + index.mappingVersion() + "-").isNotEqualTo(before);
        assertThat(rebuild.path("mapping_version").asInt()).isEqualTo(2);
        assertThat(rebuild.path("documents").asLong()).isGreaterThanOrEqualTo(packs.size());
        assertThat(index.currentIndex()).isEqualTo(rebuild.path("index").asString());
        assertThat(esStatus("/" + before)).isEqualTo(404);
        assertThat(searches[0]).isGreaterThanOrEqualTo(5);
        assertThat(failures).isEmpty();
        // writes after the swap land in the new index
        UUID later = published(packData(creator, "Swap Harbour Later"));
        awaitSearch(READER, p -> ids(p).contains(later), "search", "swap harbour", "creator_id", creator.toString());
    }

    @Test
    void shouldRefuseReindexToAnyoneButAnAdministrator() {
        String before = index.currentIndex();
        Http.Response response = Http.send("POST", url("/api/v1/admin/catalog/reindex"), null, "Authorization", token(UUID.randomUUID()));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().path("error").path("code").asString()).isNotBlank();
        assertThat(index.currentIndex()).isEqualTo(before);
    }

    @Test
    void shouldAnswer409WhileAnotherInstanceRebuilds() throws Exception {
        String before = index.currentIndex();
        try (Connection other = TestDatabase.connect()) { // another instance, holding the rebuild lock
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "catalog-rebuild:" + INDEX);
                lock.execute();
            }
            Http.Response response = Http.send("POST", url("/api/v1/admin/catalog/reindex"), null, "Authorization",
                    token(UUID.randomUUID(), "user", "admin"));
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.json().path("error").path("code").asString()).isEqualTo("REINDEX_RUNNING");
            other.rollback();
        }
        assertThat(index.currentIndex()).isEqualTo(before);
    }

    @Test
    void shouldRebuildOnStartWhenTheIndexHasAnOlderMappingVersion() throws Exception {
        UUID creator = UUID.randomUUID();
        UUID pack = published(packData(creator, "Versioned Valley"));
        String current = index.currentIndex();
        String old = INDEX + "-v0-test";
        es("PUT", "/" + old, "{\"mappings\": {\"_meta\": {\"mapping_version\": 0}, \"properties\": {\"id\": {\"type\": \"keyword\"}}}}");
        es("POST", "/_aliases", "{\"actions\": [{\"remove\": {\"index\": \"" + current + "\", \"alias\": \"" + INDEX + "\"}},"
                + " {\"add\": {\"index\": \"" + old + "\", \"alias\": \"" + INDEX + "\", \"is_write_index\": true}}]}");
        es("DELETE", "/" + current, null);
        assertThat(index.currentMappingVersion(old)).isZero();

        index.ensureReady();

        assertThat(index.currentIndex()).startsWith(INDEX + "-v" + index.mappingVersion() + "-");
        assertThat(index.currentMappingVersion(index.currentIndex())).isEqualTo(2);
        assertThat(esStatus("/" + old)).isEqualTo(404);
        redis.opsForValue().increment("search:generation");
        assertThat(ids(search(READER, "search", "versioned valley", "creator_id", creator.toString()))).containsExactly(pack);
    }

    private static int esStatus(String path) throws Exception {
        return es("HEAD", path, null).statusCode();
    }

    private static HttpResponse<String> es(String method, String path, String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ES + path)).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
