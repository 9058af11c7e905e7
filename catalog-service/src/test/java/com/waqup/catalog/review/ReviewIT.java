package com.waqup.catalog.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.waqup.catalog.CatalogITSupport;
import com.waqup.common.test.EventContracts;
import com.waqup.common.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import tools.jackson.databind.JsonNode;

/** Reviews and ratings: who may review, one per person, the rating in search results, pack.rated out. */
class ReviewIT extends CatalogITSupport {

    @Test
    void shouldStoreAReviewShowTheRatingInSearchAndPublishPackRated() {
        UUID creator = UUID.randomUUID();
        UUID pack = published(packData(creator, "Reviewed Meadow"));
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        grantAccess(pack, alice);
        grantAccess(pack, bob);
        Queue rated = listen("pack.rated");

        Http.Response first = post("/api/v1/catalog/packs/" + pack + "/reviews", alice, "{\"rating\": 5, \"text\": \"Lovely.\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("rating").asInt()).isEqualTo(5);
        assertThat(first.json().path("text").asString()).isEqualTo("Lovely.");
        assertThat(first.json().path("mine").asBoolean()).isTrue();
        assertThat(post("/api/v1/catalog/packs/" + pack + "/reviews", bob, "{\"rating\": 4}").status()).isEqualTo(201);

        JsonNode page = awaitSearch(alice, p -> p.path("packs").size() == 1 && p.path("packs").get(0).path("review_count").asInt() == 2,
                "search", "meadow", "creator_id", creator.toString());
        assertThat(page.path("packs").get(0).path("rating").asDouble()).isEqualTo(4.5);

        JsonNode event = awaitEvent(rated, e -> e.path("data").path("reviewer_id").asString().equals(bob.toString()));
        JsonNode data = event.path("data");
        assertThat(event.path("type").asString()).isEqualTo("pack.rated");
        assertThat(data.path("pack_id").asString()).isEqualTo(pack.toString());
        assertThat(data.path("creator_id").asString()).isEqualTo(creator.toString());
        assertThat(data.path("rating").asInt()).isEqualTo(4);
        assertThat(data.path("previous_rating").isNull()).isTrue();
        assertThat(data.path("average_rating").asDouble()).isEqualTo(4.5);
        assertThat(data.path("review_count").asInt()).isEqualTo(2);
        assertThat(data.propertyNames()).containsExactlyInAnyOrderElementsOf(EventContracts.golden("pack.rated").propertyNames());
    }

    @Test
    void shouldShowANewRatingAtTheVeryNextSearchThoughTheSearchWasCached() {
        UUID creator = UUID.randomUUID();
        UUID pack = published(packData(creator, "Cached Rating Grove"));
        UUID alice = UUID.randomUUID();
        grantAccess(pack, alice);
        awaitSearch(alice, p -> ids(p).contains(pack), "creator_id", creator.toString());
        JsonNode cached = search(alice, "creator_id", creator.toString()); // served from the search cache
        assertThat(cached.path("packs").get(0).path("review_count").asInt()).isZero();

        assertThat(post("/api/v1/catalog/packs/" + pack + "/reviews", alice, "{\"rating\": 3}").status()).isEqualTo(201);

        // no waiting: the review invalidated every cached answer before it was acknowledged
        JsonNode found = search(alice, "creator_id", creator.toString()).path("packs").get(0);
        assertThat(found.path("review_count").asInt()).isEqualTo(1);
        assertThat(found.path("rating").asDouble()).isEqualTo(3.0);
    }

    @Test
    void shouldReplaceTheFirstReviewWithTheSecondOfTheSamePerson() {
        UUID creator = UUID.randomUUID();
        UUID pack = published(packData(creator, "Second Thoughts"));
        UUID alice = UUID.randomUUID();
        grantAccess(pack, alice);
        Queue rated = listen("pack.rated");

        assertThat(post("/api/v1/catalog/packs/" + pack + "/reviews", alice, "{\"rating\": 2, \"text\": \"meh\"}").status()).isEqualTo(201);
        Http.Response again = post("/api/v1/catalog/packs/" + pack + "/reviews", alice, "{\"rating\": 5, \"text\": \"grew on me\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);

        JsonNode list = ok(get("/api/v1/catalog/packs/" + pack + "/reviews", alice));
        assertThat(list.path("reviews")).hasSize(1);
        assertThat(list.path("reviews").get(0).path("rating").asInt()).isEqualTo(5);
        assertThat(list.path("reviews").get(0).path("text").asString()).isEqualTo("grew on me");
        assertThat(list.path("review_count").asInt()).isEqualTo(1);
        assertThat(list.path("rating").asDouble()).isEqualTo(5.0);
        assertThat(list.path("pagination").path("total").asInt()).isEqualTo(1);
        JsonNode detail = ok(get("/api/v1/catalog/packs/" + pack, alice));
        assertThat(detail.path("rating").asDouble()).isEqualTo(5.0);
        assertThat(detail.path("review_count").asInt()).isEqualTo(1);
        JsonNode update = awaitEvent(rated, e -> e.path("data").path("previous_rating").asInt(0) == 2);
        assertThat(update.path("data").path("rating").asInt()).isEqualTo(5);
        assertThat(update.path("data").path("review_count").asInt()).isEqualTo(1);
    }

    @Test
    void shouldPageReviewsNewestFirst() {
        UUID pack = published(packData(UUID.randomUUID(), "Many Voices"));
        for (int i = 1; i <= 3; i++) {
            UUID reviewer = UUID.randomUUID();
            grantAccess(pack, reviewer);
            ok(post("/api/v1/catalog/packs/" + pack + "/reviews", reviewer, "{\"rating\": " + i + ", \"text\": \"r" + i + "\"}"));
        }
        JsonNode first = ok(get("/api/v1/catalog/packs/" + pack + "/reviews?limit=2", UUID.randomUUID()));
        assertThat(first.path("reviews")).hasSize(2);
        assertThat(first.path("reviews").get(0).path("text").asString()).isEqualTo("r3");
        assertThat(first.path("reviews").get(0).path("mine").asBoolean()).isFalse();
        assertThat(first.path("pagination").path("total").asInt()).isEqualTo(3);
        assertThat(first.path("pagination").path("has_next").asBoolean()).isTrue();
        JsonNode second = ok(get("/api/v1/catalog/packs/" + pack + "/reviews?limit=2&page=2", UUID.randomUUID()));
        assertThat(second.path("reviews")).hasSize(1);
        assertThat(second.path("reviews").get(0).path("text").asString()).isEqualTo("r1");
        assertThat(second.path("pagination").path("has_prev").asBoolean()).isTrue();
    }

    @Test
    void shouldRefuseReviewsWithoutAccessOrByTheCreatorOrOutOfRangeAndChangeNothing() {
        UUID creator = UUID.randomUUID();
        UUID pack = published(packData(creator, "Guarded Garden"));
        UUID owner = UUID.randomUUID();
        grantAccess(pack, owner);
        String path = "/api/v1/catalog/packs/" + pack + "/reviews";

        Http.Response stranger = post(path, UUID.randomUUID(), "{\"rating\": 5}");
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.json().path("error").path("code").asString()).isEqualTo("PACK_ACCESS_REQUIRED");
        Http.Response byCreator = post(path, creator, "{\"rating\": 5}");
        assertThat(byCreator.status()).isEqualTo(403);
        assertThat(byCreator.json().path("error").path("code").asString()).isEqualTo("OWN_PACK_REVIEW");
        for (String body : new String[] { "{\"rating\": 0}", "{\"rating\": 6}", "{}", "{\"rating\": \"five\"}",
                "{\"rating\": 3, \"text\": \"" + "x".repeat(2001) + "\"}" }) {
            Http.Response bad = post(path, owner, body);
            assertThat(bad.status()).as(body).isEqualTo(400);
            assertThat(bad.json().path("error").path("code").asString()).as(body).isNotBlank();
        }
        Http.Response tooLong = post(path, owner, "{\"rating\": 3, \"text\": \"" + "x".repeat(2001) + "\"}");
        assertThat(tooLong.json().path("error").path("details").path("fields").has("text")).isTrue();
        Http.Response zero = post(path, owner, "{\"rating\": 0}");
        assertThat(zero.json().path("error").path("details").path("fields").has("rating")).isTrue();
        Http.Response unknownPack = post("/api/v1/catalog/packs/" + UUID.randomUUID() + "/reviews", owner, "{\"rating\": 4}");
        assertThat(unknownPack.status()).isEqualTo(404);

        assertThat(jdbc.queryForObject("select count(*) from review where pack_id = ?", Integer.class, pack)).isZero();
        assertThat(jdbc.queryForObject("select review_count from pack where id = ?", Integer.class, pack)).isZero();
        assertThat(post(path, owner, "{\"rating\": 3, \"text\": \"" + "x".repeat(2000) + "\"}").status()).isEqualTo(201);
    }

    @Test
    void shouldAnswer503AndChangeNothingWhenRitualLibraryCannotTellAccess() {
        UUID pack = published(packData(UUID.randomUUID(), "Unreachable Access"));
        UUID person = UUID.randomUUID();
        LIBRARY.stubFor(WireMock.get(WireMock.urlPathEqualTo("/internal/packs/" + pack + "/access"))
                .atPriority(1).willReturn(WireMock.aResponse().withStatus(500)));
        Http.Response response = post("/api/v1/catalog/packs/" + pack + "/reviews", person, "{\"rating\": 4}");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().path("error").path("code").asString()).isEqualTo("ACCESS_UNAVAILABLE");
        assertThat(jdbc.queryForObject("select count(*) from review where pack_id = ?", Integer.class, pack)).isZero();
    }
}
