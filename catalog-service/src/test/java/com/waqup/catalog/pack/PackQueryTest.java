package com.waqup.catalog.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.waqup.catalog.search.SearchText;
import com.waqup.catalog.search.Synonyms;
import com.waqup.common.json.JsonConventions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PackQueryTest {

    @Test
    void shouldFoldAccentsLigaturesAndCase() {
        assertThat(SearchText.fold("Méditation du Matin")).isEqualTo("meditation du matin");
        assertThat(SearchText.fold("Straße Æon Øre Łódź")).isEqualTo("strasse aeon ore lodz");
        assertThat(SearchText.words("Élodie's  ZEN-garden!")).containsExactly("elodie", "s", "zen", "garden");
        assertThat(SearchText.queryWords("music for the sleep", 8)).containsExactly("music", "sleep");
        assertThat(SearchText.queryWords("for the", 8)).containsExactly("for", "the");
        assertThat(SearchText.tagKey("  Deep   Sleep ")).isEqualTo("deep sleep");
    }

    @Test
    void shouldExpandSynonymsBothWays() {
        assertThat(Synonyms.of("sleep")).contains("insomnia", "rest");
        assertThat(Synonyms.of("insomnia")).contains("sleep");
        assertThat(Synonyms.of("worry")).contains("anxiety", "calm");
        assertThat(Synonyms.of("concentration")).contains("focus");
        assertThat(Synonyms.of("xylophone")).isEmpty();
    }

    @Test
    void shouldRequireEveryShortQueryWordAndPrefixOnlyTheLast() {
        ObjectNode request = PackQuery.build(JsonConventions.mapper(),
                new PackQuery.Criteria("deep slee", List.of("Sleep"), null, "free"), 20, 10, List.of());
        String json = request.toString();
        assertThat(request.path("from").asInt()).isEqualTo(20);
        assertThat(request.path("size").asInt()).isEqualTo(10);
        ObjectNode bool = (ObjectNode) request.path("query").path("function_score").path("query").path("bool").path("must").get(0).path("bool");
        assertThat(bool.path("minimum_should_match").asString()).isEqualTo("2");
        assertThat(bool.path("should").get(0).toString()).doesNotContain("\"prefix\"");
        assertThat(bool.path("should").get(1).toString()).contains("\"prefix\"");
        assertThat(json).contains("{\"term\":{\"price_type\":\"free\"}}").contains("{\"term\":{\"tag_keys\":\"sleep\"}}");
    }

    @Test
    void shouldLookUpAWordsSynonymsAndTyposOnceInTheCombinedField() {
        String word = PackQuery.word(JsonConventions.mapper(), "sleep", false).toString();
        // one typo clause and one synonym clause per word, both on search_text: a fuzzy query per field costs one
        // Levenshtein automaton each, which made typos most of Elasticsearch's CPU per search
        assertThat(word.split("\"fuzziness\"", -1)).hasSize(2);
        assertThat(word).contains("{\"match\":{\"search_text\":{\"query\":\"sleep\",\"fuzziness\":\"" + PackQuery.FUZZINESS + "\"");
        assertThat(word).contains("{\"match\":{\"search_text\":{\"query\":\"" + String.join(" ", Synonyms.of("sleep")) + "\"");
        assertThat(word.split("\"multi_match\"", -1)).as("the word itself, over the weighted fields").hasSize(2);
    }

    @Test
    void shouldShowPricesAsTheSeedsDecimalAndRatingsToOneDecimal() {
        Pack pack = new Pack(UUID.randomUUID(), 1, Pack.PUBLISHED, UUID.randomUUID(), "C", "T", "", "one_time", 999, "usd",
                null, List.of(), null, Instant.now(), 14, 3, Instant.now(), List.of());
        assertThat(pack.priceAmount()).isEqualTo(new BigDecimal("9.99"));
        assertThat(pack.rating()).isEqualTo(4.7);
        assertThat(pack.quality()).isEqualTo((3 * 3.0 + 14) / 6);
        Pack yen = new Pack(UUID.randomUUID(), 1, Pack.PUBLISHED, UUID.randomUUID(), "C", "T", "", "one_time", 500, "jpy",
                null, List.of(), null, Instant.now(), 0, 0, Instant.now(), List.of());
        assertThat(yen.priceAmount()).isEqualTo(new BigDecimal("500"));
        assertThat(yen.rating()).isNull();
    }
}
