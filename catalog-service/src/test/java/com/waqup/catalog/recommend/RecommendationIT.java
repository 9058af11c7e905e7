package com.waqup.catalog.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.waqup.catalog.CatalogITSupport;
import com.waqup.common.test.EventContracts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Recommendations from the person's intents and practice history (content.ready, practice.completed projected here). */
class RecommendationIT extends CatalogITSupport {

    @Test
    void shouldRecommendPacksMatchingWhatThePersonPractisesWithAReasonAndLeaveOutPacksTheyHave() {
        UUID person = UUID.randomUUID();
        UUID creator = UUID.randomUUID();
        UUID match = published(tagged(creator, "Tinnitus Ease", "tinnitus", "evening"));
        UUID owned = published(tagged(creator, "Tinnitus Nights", "tinnitus"));
        grantAccess(owned, person);
        UUID mine = published(tagged(person, "My Tinnitus Pack", "tinnitus"));
        UUID practisedPack = published(tagged(creator, "Tinnitus Quiet", "tinnitus"));
        UUID item = contentReady(person, "tinnitus", List.of("tinnitus", "evening"));
        practice(person, item, null);
        practice(person, item, null);
        practice(person, UUID.randomUUID(), practisedPack);
        awaitPractices(person, 3);

        JsonNode recommendations = ok(get("/api/v1/catalog/recommendations", person)).path("recommendations");
        List<String> ids = packIds(recommendations);
        assertThat(ids.getFirst()).isEqualTo(match.toString());
        JsonNode first = recommendations.get(0);
        assertThat(first.path("reason").asString()).isEqualTo("Because you often practise for tinnitus and evening");
        assertThat(first.path("score").asDouble()).isBetween(0.5, 1.0);
        assertThat(first.path("title").asString()).isEqualTo("Tinnitus Ease");
        assertThat(ids).doesNotContain(owned.toString(), mine.toString(), practisedPack.toString());
        assertThat(recommendations.size()).isLessThanOrEqualTo(10);
        for (int i = 1; i < recommendations.size(); i++) {
            assertThat(recommendations.get(i).path("score").asDouble()).isLessThanOrEqualTo(recommendations.get(i - 1).path("score").asDouble());
            assertThat(recommendations.get(i).path("reason").asString()).matches("[A-Z].+");
        }
    }

    @Test
    void shouldNameIntentsOfCreatedPracticesWhenThereIsNoPracticeYet() {
        UUID person = UUID.randomUUID();
        UUID pack = published(tagged(UUID.randomUUID(), "Vertigo Steady", "vertigo"));
        contentReady(person, "vertigo", List.of("vertigo"));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from person_item where user_id = ?", Integer.class, person) == 1);

        JsonNode first = ok(get("/api/v1/catalog/recommendations", person)).path("recommendations").get(0);
        assertThat(first.path("pack_id").asString()).isEqualTo(pack.toString());
        assertThat(first.path("reason").asString()).isEqualTo("Because you created practices about vertigo");
    }

    @Test
    void shouldFallBackToWellRatedPopularPacksOnColdStart() {
        UUID star = published(tagged(UUID.randomUUID(), "Crowd Favourite", "popular"));
        for (int i = 0; i < 8; i++) {
            UUID reviewer = UUID.randomUUID();
            grantAccess(star, reviewer);
            ok(post("/api/v1/catalog/packs/" + star + "/reviews", reviewer, "{\"rating\": 5}"));
        }
        UUID newcomer = UUID.randomUUID();

        JsonNode recommendations = ok(get("/api/v1/catalog/recommendations", newcomer)).path("recommendations");
        assertThat(recommendations).isNotEmpty();
        JsonNode first = recommendations.get(0);
        assertThat(first.path("pack_id").asString()).isEqualTo(star.toString());
        assertThat(first.path("reason").asString()).isEqualTo("Popular with the community: rated 5.0 out of 5 by 8 people");
        assertThat(first.path("score").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void shouldReadTheGoldenActivityEventsIntoTheCatalogsRecords() {
        ActivityConsumer.ContentReady ready = EventContracts.consume("content.ready", ActivityConsumer.ContentReady.class).data();
        assertThat(ready.context().intent()).isEqualTo("sleep");
        assertThat(ready.tags()).contains("sleep");
        ActivityConsumer.PracticeCompleted done = EventContracts.consume("practice.completed", ActivityConsumer.PracticeCompleted.class).data();
        assertThat(done.ritualId()).isNotNull();
        assertThat(done.packId()).isNull();
    }

    private static ObjectNode tagged(UUID creator, String title, String... tags) {
        ObjectNode d = packData(creator, title);
        d.put("description", "A short pack.");
        var array = d.putArray("tags");
        for (String t : tags) {
            array.add(t);
        }
        return d;
    }

    private UUID contentReady(UUID person, String intent, List<String> tags) {
        ObjectNode d = (ObjectNode) EventContracts.golden("content.ready").deepCopy();
        UUID id = UUID.randomUUID();
        d.put("content_id", id.toString());
        d.put("user_id", person.toString());
        ((ObjectNode) d.path("context")).put("intent", intent);
        var array = d.putArray("tags");
        tags.forEach(array::add);
        publish("content.ready", d);
        return id;
    }

    private void practice(UUID person, UUID ritual, UUID pack) {
        ObjectNode d = (ObjectNode) EventContracts.golden("practice.completed").deepCopy();
        d.put("practice_event_id", UUID.randomUUID().toString());
        d.put("user_id", person.toString());
        d.put("ritual_id", ritual.toString());
        d.put("completed_at", Instant.now().toString());
        if (pack != null) {
            d.put("pack_id", pack.toString());
        }
        publish("practice.completed", d);
    }

    private void awaitPractices(UUID person, int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from person_practice where user_id = ?", Integer.class, person) == n
                && jdbc.queryForObject("select count(*) from person_item where user_id = ?", Integer.class, person) >= 1);
    }

    private static List<String> packIds(JsonNode recommendations) {
        List<String> ids = new ArrayList<>();
        recommendations.forEach(r -> ids.add(r.path("pack_id").asString()));
        return ids;
    }
}
