package com.waqup.catalog.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import com.waqup.catalog.CatalogITSupport;
import com.waqup.common.events.Events;
import com.waqup.common.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** pack.* events in, the catalog's list and detail out (the seed's Marketplace APIs). */
class PackCatalogIT extends CatalogITSupport {

    static final UUID READER = UUID.randomUUID();

    @Test
    void shouldListAPublishedPackWithTheSeedsFieldsAndDecimalPrice() {
        UUID creator = UUID.randomUUID();
        ObjectNode data = packData(creator, "Lunar Tide Rest");
        data.put("creator_name", "Sarah Facilitator");
        UUID pack = published(data);

        JsonNode page = awaitSearch(READER, p -> ids(p).contains(pack), "search", "lunar tide", "creator_id", creator.toString());
        JsonNode found = page.path("packs").get(0);
        assertThat(found.path("id").asString()).isEqualTo(pack.toString());
        assertThat(found.path("title").asString()).isEqualTo("Lunar Tide Rest");
        assertThat(found.path("description").asString()).isEqualTo("Three short practices to let the day go.");
        assertThat(found.path("creator").path("id").asString()).isEqualTo(creator.toString());
        assertThat(found.path("creator").path("name").asString()).isEqualTo("Sarah Facilitator");
        assertThat(found.path("price_type").asString()).isEqualTo("one_time");
        assertThat(found.path("price_amount").decimalValue()).isEqualByComparingTo("9.99");
        assertThat(found.path("currency").asString()).isEqualTo("usd");
        assertThat(found.path("subscription_interval").isNull()).isTrue();
        assertThat(found.path("ritual_count").asInt()).isEqualTo(1);
        assertThat(found.path("rating").isNull()).isTrue();
        assertThat(found.path("review_count").asInt()).isZero();
        JsonNode pagination = page.path("pagination");
        assertThat(pagination.path("page").asInt()).isEqualTo(1);
        assertThat(pagination.path("limit").asInt()).isEqualTo(20);
        assertThat(pagination.path("total").asInt()).isEqualTo(1);
        assertThat(pagination.path("pages").asInt()).isEqualTo(1);
        assertThat(pagination.path("has_next").asBoolean()).isFalse();
        assertThat(pagination.path("has_prev").asBoolean()).isFalse();
    }

    @Test
    void shouldShowTheDetailWithRitualsAndAccessForTheCreatorAndForPeopleRitualLibraryNames() {
        UUID creator = UUID.randomUUID();
        UUID pack = published(packData(creator, "Quiet Harbour"));
        UUID owner = UUID.randomUUID();
        grantAccess(pack, owner);

        JsonNode asStranger = ok(get("/api/v1/catalog/packs/" + pack, READER));
        assertThat(asStranger.path("user_has_access").asBoolean()).isFalse();
        assertThat(asStranger.path("rituals")).hasSize(1);
        JsonNode ritual = asStranger.path("rituals").get(0);
        assertThat(ritual.path("title").asString()).isEqualTo("Evening Calm");
        assertThat(ritual.path("duration").asInt()).isEqualTo(301);
        assertThat(ritual.path("practice_type").asString()).isEqualTo("guided_meditation");
        assertThat(ritual.path("id").asString()).isNotBlank();
        assertThat(asStranger.path("price_amount").decimalValue()).isEqualByComparingTo("9.99");
        assertThat(asStranger.path("creator").path("id").asString()).isEqualTo(creator.toString());

        assertThat(ok(get("/api/v1/catalog/packs/" + pack, creator)).path("user_has_access").asBoolean()).isTrue();
        assertThat(ok(get("/api/v1/catalog/packs/" + pack, owner)).path("user_has_access").asBoolean()).isTrue();
    }

    @Test
    void shouldAnswer404EnvelopeForAnUnknownPack() {
        Http.Response response = get("/api/v1/catalog/packs/" + UUID.randomUUID(), READER);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").path("code").asString()).isEqualTo("PACK_NOT_FOUND");
    }

    @Test
    void shouldApplyANewerRevisionAndIgnoreAnOlderOneArrivingLate() {
        UUID creator = UUID.randomUUID();
        ObjectNode v1 = packData(creator, "Amber Dusk");
        UUID pack = published(v1);
        ObjectNode v3 = v1.deepCopy();
        v3.put("revision", 3);
        v3.put("title", "Amber Dusk Renewed");
        v3.put("price_type", "subscription");
        v3.put("price_amount_minor", 499);
        v3.put("subscription_interval", "monthly");
        publish("pack.updated", v3);
        awaitRevision(pack, 3);
        ObjectNode v2 = v1.deepCopy();
        v2.put("revision", 2);
        v2.put("title", "Amber Dusk Stale");
        publish("pack.updated", v2);
        // a later event on the same queue shows the stale one was consumed first
        ObjectNode marker = packData(creator, "Marker Pack");
        published(marker);

        JsonNode detail = ok(get("/api/v1/catalog/packs/" + pack, READER));
        assertThat(detail.path("title").asString()).isEqualTo("Amber Dusk Renewed");
        assertThat(detail.path("price_type").asString()).isEqualTo("subscription");
        assertThat(detail.path("price_amount").decimalValue()).isEqualByComparingTo("4.99");
        assertThat(detail.path("subscription_interval").asString()).isEqualTo("monthly");
        JsonNode page = awaitSearch(READER, p -> ids(p).contains(pack), "search", "renewed", "creator_id", creator.toString());
        assertThat(titles(page)).containsExactly("Amber Dusk Renewed");
        assertThat(search(READER, "search", "stale", "creator_id", creator.toString()).path("packs")).isEmpty();
    }

    @Test
    void shouldApplyARedeliveredEventOnce() {
        UUID creator = UUID.randomUUID();
        ObjectNode data = packData(creator, "Twice Told");
        var event = publish("pack.published", data);
        UUID pack = id(data);
        awaitRevision(pack, 1);
        rabbit.convertAndSend(Events.EXCHANGE, "pack.published", event);
        published(packData(creator, "After Twice")); // consumed after the duplicate
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class,
                event.eventId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from pack where id = ?", Integer.class, pack)).isEqualTo(1);
    }

    @Test
    void shouldTakeAnArchivedPackOutOfSearchAndDetailAndKeepItOutWhenAnOlderRevisionArrives() {
        UUID creator = UUID.randomUUID();
        ObjectNode data = packData(creator, "Fading Ember");
        UUID pack = published(data);
        awaitSearch(READER, p -> ids(p).contains(pack), "creator_id", creator.toString());

        publish("pack.archived", JSON.createObjectNode().put("pack_id", pack.toString()).put("revision", 2)
                .put("creator_id", creator.toString()).put("archived_at", "2026-11-28T09:00:00Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "archived".equals(jdbc.queryForObject(
                "select status from pack where id = ?", String.class, pack)));
        awaitSearch(READER, p -> !ids(p).contains(pack), "creator_id", creator.toString());
        assertThat(get("/api/v1/catalog/packs/" + pack, READER).status()).isEqualTo(404);

        publish("pack.published", data); // revision 1, late: must not bring it back
        published(packData(creator, "Archive Marker"));
        assertThat(jdbc.queryForObject("select status from pack where id = ?", String.class, pack)).isEqualTo("archived");
        assertThat(get("/api/v1/catalog/packs/" + pack, READER).status()).isEqualTo(404);
    }

    @Test
    void shouldCacheASearchInRedisAndInvalidateItWhenAPackChanges() {
        UUID creator = UUID.randomUUID();
        UUID first = published(packData(creator, "Cached Cove"));
        awaitSearch(READER, p -> ids(p).contains(first), "creator_id", creator.toString());
        Set<String> before = redis.keys("search:*");
        search(READER, "creator_id", creator.toString(), "limit", "7");
        Set<String> after = redis.keys("search:*");
                String key = after.stream().filter(k -> !before.contains(k) && !k.equals("search:generation")).findFirst().orElseThrow();
        assertThat(key).matches("search:[0-9a-f]{64}");
        assertThat(redis.getExpire(key)).isBetween(1L, 300L);
        assertThat(redis.opsForValue().get(key)).contains(first.toString());
        double hits = cacheHits();
        assertThat(ids(search(READER, "creator_id", creator.toString(), "limit", "7"))).contains(first);
        assertThat(cacheHits()).as("the same search again is served from Redis").isEqualTo(hits + 1);

        UUID second = published(packData(creator, "Cached Cove Two"));
        // no waiting for the cache to expire: the change invalidated it (the index shows the pack within a second)
        JsonNode page = awaitSearch(READER, p -> ids(p).contains(second), "creator_id", creator.toString(), "limit", "7");
        assertThat(ids(page)).contains(first, second);
    }

    @Test
    void shouldCacheTheWholeAnswerAndSearchAgainOnceAnotherInstanceInvalidated() {
        UUID creator = UUID.randomUUID();
        UUID pack = published(packData(creator, "Whole Answer Harbour"));
        JsonNode first = awaitSearch(READER, p -> ids(p).contains(pack), "creator_id", creator.toString(), "limit", "3");
        JsonNode again = search(READER, "creator_id", creator.toString(), "limit", "3");
        assertThat(again).as("the cached answer is the answer").isEqualTo(first);
        assertThat(redis.keys("search:*").stream().filter(k -> !k.equals("search:generation")).map(k -> redis.opsForValue().get(k))
                .anyMatch(v -> v != null && v.contains("Whole Answer Harbour") && v.contains("\"pagination\"")))
                .as("Redis holds the whole page, not only the ids").isTrue();

        // another catalog instance applied a change: it bumped the shared generation, this instance's near cache must not
        // answer from the old one
        double misses = cacheCount("miss");
        redis.opsForValue().increment("search:generation");
        assertThat(search(READER, "creator_id", creator.toString(), "limit", "3")).isEqualTo(first);
        assertThat(cacheCount("miss")).as("searched again after the invalidation").isEqualTo(misses + 1);
    }

    private double cacheHits() {
        return cacheCount("hit");
    }

    private double cacheCount(String result) {
        String metrics = Http.get(managementUrl("/actuator/prometheus")).body();
        return metrics.lines().filter(l -> l.startsWith("waqup_cache_requests_total") && l.contains("cache=\"search\"") && l.contains("result=\"" + result + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
