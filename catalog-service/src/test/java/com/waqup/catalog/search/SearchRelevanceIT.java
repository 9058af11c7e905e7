package com.waqup.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.waqup.catalog.CatalogITSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The search-relevance table: a fixed corpus of 28 packs published through pack.published on the real broker into the
 * real Elasticsearch, then one row per query (typos, prefixes, synonyms, accents, filters, paging, rating order)
 * asserting the expected top results. The catalog is emptied first, so only this corpus is searched.
 */
class SearchRelevanceIT extends CatalogITSupport {

    static final UUID SARAH = UUID.fromString("5b0d6a8e-1f2e-4c3d-9a8b-000000000001");
    static final UUID ELODIE = UUID.fromString("5b0d6a8e-1f2e-4c3d-9a8b-000000000002");
    static final UUID MARCUS = UUID.fromString("5b0d6a8e-1f2e-4c3d-9a8b-000000000003");
    static final UUID READER = UUID.randomUUID();
    static final Map<String, UUID> PACKS = new LinkedHashMap<>();
    static final Map<UUID, String> NAMES = Map.of(SARAH, "Sarah Facilitator", ELODIE, "Élodie Durand", MARCUS, "Marcus Chen");

    /** title, description, tags, creator, price type, price (minor), interval */
    static final Object[][] CORPUS = {
        { "Deep Sleep Journey", "Drift into restorative slumber with slow body scans.", List.of("sleep", "night"), SARAH, "one_time", 999, null },
        { "Insomnia Relief", "Gentle practices for nights when the mind will not settle.", List.of("insomnia"), MARCUS, "free", 0, null },
        { "Restful Evening Wind-Down", "Let the day go before bed.", List.of("evening", "rest"), SARAH, "subscription", 499, "monthly" },
        { "Anxiety Release", "Soften stress and panic with grounding breath.", List.of("anxiety", "stress"), ELODIE, "one_time", 1299, null },
        { "Calm Waters", "Float on a quiet lake of awareness.", List.of("calm"), MARCUS, "free", 0, null },
        { "Still Lake", "Quiet stillness practice.", List.of("stillness"), MARCUS, "free", 0, null },
        { "Still Pond", "Quiet stillness practice.", List.of("stillness"), MARCUS, "free", 0, null },
        { "Laser Focus", "Sharpen your mind for deep work.", List.of("focus", "work"), MARCUS, "one_time", 499, null },
        { "Focus Flow", "Sessions for steady attention.", List.of("focus"), SARAH, "free", 0, null },
        { "Méditation du Matin", "Une douce pratique pour commencer la journée.", List.of("méditation", "matin"), ELODIE, "free", 0, null },
        { "Meditation for Beginners", "Learn to sit with the breath, one minute at a time.", List.of("meditation", "beginner"), SARAH, "free", 0, null },
        { "Morning Energy Boost", "Wake up your body and mind with vitality.", List.of("morning", "energy"), SARAH, "subscription", 999, "monthly" },
        { "Sunrise Gratitude", "Greet the dawn with thanks.", List.of("gratitude", "morning"), ELODIE, "one_time", 299, null },
        { "Gratitude Journal Practice", "Write three good things, then pause.", List.of("gratitude", "journaling"), MARCUS, "free", 0, null },
        { "Box Breathing", "Four counts in, hold, out, hold.", List.of("breath"), MARCUS, "free", 0, null },
        { "Ocean Waves", "Rhythmic sound to unwind.", List.of("relax", "sound"), SARAH, "free", 0, null },
        { "Beach Walk", "Imagine the ocean breeze as you walk.", List.of("walking"), MARCUS, "free", 0, null },
        { "Confidence Builder", "Affirmations for courage at work.", List.of("confidence"), ELODIE, "one_time", 799, null },
        { "Grief and Loss Support", "Hold sorrow with compassion.", List.of("grief"), SARAH, "free", 0, null },
        { "Calm in Zürich", "A city practice for busy streets.", List.of("city", "calm"), ELODIE, "free", 0, null },
        { "Loving Kindness", "Metta phrases for yourself and others.", List.of("love", "compassion"), MARCUS, "free", 0, null },
        { "Walking Meditation", "Mindful steps in nature.", List.of("walking", "meditation"), ELODIE, "one_time", 499, null },
        { "Sleep Stories Premium", "Long sleep stories to help you drift off; new sleep stories weekly.", List.of("sleep"), ELODIE, "subscription", 1499, "annual" },
        { "Energy Reset", "A quick midday recharge.", List.of("energy"), MARCUS, "free", 0, null },
        { "Body Scan Basics", "Notice each part of the body, relaxing as you go.", List.of("body", "relax"), SARAH, "free", 0, null },
        { "Evening Candle", "Soft light, softer thoughts.", List.of("evening"), ELODIE, "free", 0, null },
        { "Power Nap", "Twenty minutes that feel like two hours.", List.of("nap"), SARAH, "one_time", 199, null },
        { "Desk Stretch", "Loosen shoulders between meetings.", List.of("movement", "work"), MARCUS, "free", 0, null },
    };

    /** Ratings given through the review API (reviewers granted access in ritual-library's stand-in). */
    static final Map<String, int[]> RATINGS = Map.of("Still Pond", new int[] { 5, 5, 5 }, "Deep Sleep Journey", new int[] { 5, 4 },
            "Still Lake", new int[] { 1, 2 });

    @TestFactory
    Stream<DynamicTest> searchRelevanceTable() {
        seedCorpus();
        List<DynamicTest> rows = new ArrayList<>();
        row(rows, "exact word: both sleep titles lead", p -> assertThat(top(p, 2)).containsExactlyInAnyOrder("Deep Sleep Journey", "Sleep Stories Premium"), "search", "sleep");
        row(rows, "synonym insomnia → the exact title first, sleep packs follow", p -> {
            assertThat(top(p, 1)).containsExactly("Insomnia Relief");
            assertThat(top(p, 4)).contains("Deep Sleep Journey", "Sleep Stories Premium");
        }, "search", "insomnia");
        row(rows, "typo slep", p -> assertThat(top(p, 2)).contains("Deep Sleep Journey"), "search", "slep");
        row(rows, "transposition anxeity", p -> assertThat(top(p, 1)).containsExactly("Anxiety Release"), "search", "anxeity");
        row(rows, "synonym worry → anxiety", p -> assertThat(top(p, 1)).containsExactly("Anxiety Release"), "search", "worry");
        row(rows, "synonym concentration → focus", p -> assertThat(top(p, 2)).containsExactlyInAnyOrder("Laser Focus", "Focus Flow"), "search", "concentration");
        row(rows, "typo focsu", p -> assertThat(top(p, 2)).containsExactlyInAnyOrder("Laser Focus", "Focus Flow"), "search", "focsu");
        row(rows, "prefix medit (search as you type)", p -> assertThat(top(p, 3)).containsExactlyInAnyOrder("Méditation du Matin", "Meditation for Beginners", "Walking Meditation"), "search", "medit");
        row(rows, "accented query méditation", p -> assertThat(top(p, 3)).contains("Méditation du Matin", "Meditation for Beginners"), "search", "méditation");
        row(rows, "unaccented matin finds the accented title", p -> assertThat(top(p, 1)).containsExactly("Méditation du Matin"), "search", "matin");
        row(rows, "creator name elodie (accent folded)", p -> assertCreatorOnly(p, ELODIE), "search", "elodie");
        row(rows, "creator name Élodie", p -> assertCreatorOnly(p, ELODIE), "search", "Élodie");
        row(rows, "creator name prefix dur", p -> assertCreatorOnly(p, ELODIE), "search", "dur");
        row(rows, "two words: gratitude journal", p -> assertThat(top(p, 1)).containsExactly("Gratitude Journal Practice"), "search", "gratitude journal");
        row(rows, "two words: morning energy", p -> assertThat(top(p, 1)).containsExactly("Morning Energy Boost"), "search", "morning energy");
        row(rows, "synonym sunrise → morning", p -> {
            assertThat(top(p, 1)).containsExactly("Sunrise Gratitude");
            assertThat(top(p, 3)).contains("Morning Energy Boost");
        }, "search", "sunrise");
        row(rows, "title outranks description", p -> assertThat(top(p, 2)).containsExactly("Ocean Waves", "Beach Walk"), "search", "ocean");
        row(rows, "accent folding in the index: zurich", p -> assertThat(top(p, 1)).containsExactly("Calm in Zürich"), "search", "zurich");
        row(rows, "synonym breathwork → breath", p -> assertThat(top(p, 1)).containsExactly("Box Breathing"), "search", "breathwork");
        row(rows, "synonym sadness → grief", p -> assertThat(top(p, 1)).containsExactly("Grief and Loss Support"), "search", "sadness");
        row(rows, "typo confidense", p -> assertThat(top(p, 1)).containsExactly("Confidence Builder"), "search", "confidense");
        row(rows, "case and stop words: THE Loving kindness", p -> assertThat(top(p, 1)).containsExactly("Loving Kindness"), "search", "THE Loving kindness");
        row(rows, "nothing matches xylophone", p -> {
            assertThat(p.path("packs")).isEmpty();
            assertThat(p.path("pagination").path("total").asInt()).isZero();
        }, "search", "xylophone");
        row(rows, "equal text: the better-rated pack first", p -> assertThat(top(p, 2)).containsExactly("Still Pond", "Still Lake"), "search", "still");
        row(rows, "filter price_type=free", p -> {
            assertThat(p.path("pagination").path("total").asInt()).isEqualTo(count(4, "free"));
            p.path("packs").forEach(x -> assertThat(x.path("price_type").asString()).isEqualTo("free"));
        }, "price_type", "free", "limit", "100");
        row(rows, "filter tags=sleep", p -> assertThat(titles(p)).containsExactlyInAnyOrder("Deep Sleep Journey", "Sleep Stories Premium"), "tags", "sleep");
        row(rows, "filter two tags (each must match)", p -> assertThat(titles(p)).containsExactly("Sunrise Gratitude"), "tags", "gratitude,morning");
        row(rows, "filter creator_id", p -> {
            assertThat(p.path("pagination").path("total").asInt()).isEqualTo(count(3, MARCUS));
            p.path("packs").forEach(x -> assertThat(x.path("creator").path("id").asString()).isEqualTo(MARCUS.toString()));
        }, "creator_id", MARCUS.toString(), "limit", "100");
        row(rows, "search with a price filter", p -> {
            assertThat(top(p, 1)).containsExactly("Sleep Stories Premium");
            p.path("packs").forEach(x -> assertThat(x.path("price_type").asString()).isEqualTo("subscription"));
            assertThat(titles(p)).doesNotContain("Deep Sleep Journey");
        }, "search", "sleep", "price_type", "subscription");
        row(rows, "browse: best rated first, worst rated last", p -> {
            assertThat(top(p, 2)).containsExactly("Still Pond", "Deep Sleep Journey");
            assertThat(titles(p).getLast()).isEqualTo("Still Lake");
            assertThat(p.path("pagination").path("total").asInt()).isEqualTo(CORPUS.length);
        }, "limit", "100");
        rows.add(dynamicTest("paging: pages of 5 partition the browse order", () -> {
            List<String> all = titles(search(READER, "limit", "100"));
            List<String> paged = new ArrayList<>();
            for (int page = 1; page <= 6; page++) {
                JsonNode p = search(READER, "limit", "5", "page", String.valueOf(page));
                JsonNode pagination = p.path("pagination");
                assertThat(pagination.path("total").asInt()).isEqualTo(CORPUS.length);
                assertThat(pagination.path("pages").asInt()).isEqualTo(6);
                assertThat(pagination.path("has_next").asBoolean()).isEqualTo(page < 6);
                assertThat(pagination.path("has_prev").asBoolean()).isEqualTo(page > 1);
                paged.addAll(titles(p));
            }
            assertThat(paged).containsExactlyElementsOf(all);
        }));
        rows.add(dynamicTest("paging a search: page 2 continues page 1", () -> {
            List<String> all = titles(search(READER, "search", "calm", "limit", "100"));
            assertThat(all.size()).isGreaterThan(3);
            List<String> first = titles(search(READER, "search", "calm", "limit", "2"));
            List<String> second = titles(search(READER, "search", "calm", "limit", "2", "page", "2"));
            assertThat(first).containsExactlyElementsOf(all.subList(0, 2));
            assertThat(second).containsExactlyElementsOf(all.subList(2, 4));
        }));
        return rows.stream();
    }

    private void row(List<DynamicTest> rows, String name, Consumer<JsonNode> expectation, String... params) {
        rows.add(dynamicTest(name + " " + String.join(" ", params), () -> expectation.accept(search(READER, params))));
    }

    private static List<String> top(JsonNode page, int n) {
        List<String> titles = titles(page);
        return titles.subList(0, Math.min(n, titles.size()));
    }

    private static void assertCreatorOnly(JsonNode page, UUID creator) {
        assertThat(page.path("packs")).isNotEmpty();
        page.path("packs").forEach(x -> assertThat(x.path("creator").path("id").asString()).isEqualTo(creator.toString()));
        assertThat(page.path("pagination").path("total").asInt()).isEqualTo(count(3, creator));
    }

    private static int count(int column, Object value) {
        int n = 0;
        for (Object[] row : CORPUS) {
            if (value.equals(row[column])) {
                n++;
            }
        }
        return n;
    }

    private void seedCorpus() {
        jdbc.update("delete from pack");
        index.rebuild();
        Instant published = Instant.parse("2026-11-01T08:00:00Z");
        for (Object[] row : CORPUS) {
            UUID creator = (UUID) row[3];
            ObjectNode d = packData(creator, (String) row[0]);
            d.put("description", (String) row[1]);
            ArrayNode tags = d.putArray("tags");
            ((List<?>) row[2]).forEach(t -> tags.add((String) t));
            d.put("creator_name", NAMES.get(creator));
            d.put("price_type", (String) row[4]);
            d.put("price_amount_minor", (Integer) row[5]);
            d.put("subscription_interval", (String) row[6]);
            published = published.plusSeconds(3600);
            d.put("published_at", published.toString());
            PACKS.put((String) row[0], id(d));
            publish("pack.published", d);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from pack where status = 'published'",
                Integer.class) == CORPUS.length);
        RATINGS.forEach((title, ratings) -> {
            for (int rating : ratings) {
                UUID reviewer = UUID.randomUUID();
                grantAccess(PACKS.get(title), reviewer);
                ok(post("/api/v1/catalog/packs/" + PACKS.get(title) + "/reviews", reviewer, "{\"rating\": " + rating + "}"));
            }
        });
        index.refresh();
    }
}
