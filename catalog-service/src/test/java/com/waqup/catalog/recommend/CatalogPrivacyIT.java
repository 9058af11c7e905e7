package com.waqup.catalog.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.waqup.catalog.CatalogITSupport;
import com.waqup.common.test.EventContracts;
import com.waqup.common.test.Http;
import com.waqup.common.test.TestDatabase;
import com.waqup.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Account erasure: the person's reviews leave the ratings, their activity goes, and the catalog confirms. */
class CatalogPrivacyIT extends CatalogITSupport {

    @Test
    void shouldEraseReviewsAndActivityOnDeletionRequestAndConfirm() {
        UUID person = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID pack = published(packData(UUID.randomUUID(), "Erasable Echo"));
        grantAccess(pack, person);
        grantAccess(pack, other);
        ok(post("/api/v1/catalog/packs/" + pack + "/reviews", person, "{\"rating\": 1, \"text\": \"not for me\"}"));
        ok(post("/api/v1/catalog/packs/" + pack + "/reviews", other, "{\"rating\": 5}"));
        ObjectNode ready = (ObjectNode) EventContracts.golden("content.ready").deepCopy();
        ready.put("content_id", UUID.randomUUID().toString());
        ready.put("user_id", person.toString());
        publish("content.ready", ready);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from person_item where user_id = ?", Integer.class, person) == 1);
        JsonNode export = ok(Http.get(url("/internal/users/" + person + "/export"), "Authorization",
                bearer(TestTokens.shared().service("user-service", "catalog-service"))));
        assertThat(export.path("data").path("reviews")).hasSize(1);
        assertThat(export.path("data").path("created_items")).hasSize(1);
        Queue confirmations = listen("user.deleted.catalog");

        publish("user.deletion_requested", JSON.createObjectNode().put("user_id", person.toString())
                .put("requested_at", Instant.now().toString()));

        JsonNode confirmed = awaitEvent(confirmations, e -> e.path("data").path("user_id").asString().equals(person.toString()));
        assertThat(confirmed.path("data").path("service").asString()).isEqualTo("catalog");
        assertThat(confirmed.path("data").path("rows_deleted").asLong()).isEqualTo(2);
        assertThat(TestDatabase.rowsNaming("catalog", person)).allMatch(row -> row.startsWith("catalog.processed_event")
                || row.startsWith("catalog.event_publication"));
        JsonNode detail = ok(get("/api/v1/catalog/packs/" + pack, other));
        assertThat(detail.path("review_count").asInt()).isEqualTo(1);
        assertThat(detail.path("rating").asDouble()).isEqualTo(5.0);
        JsonNode found = awaitSearch(other, p -> p.path("packs").size() == 1, "search", "erasable echo");
        assertThat(found.path("packs").get(0).path("review_count").asInt()).isEqualTo(1);
    }
}
