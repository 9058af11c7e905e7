package com.waqup.catalog.pack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.waqup.catalog.search.SearchText;
import com.waqup.catalog.search.Synonyms;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the Elasticsearch request of a catalog search (the ranking docs/catalog.md describes):
 * <ul>
 * <li>every meaningful word of the query must match some field (from four words on, three in four), where a word
 * matches exactly (weight 3), through a domain synonym (2), with a typo (1, {@value #FUZZINESS}: one edit for 3–10
 * letters, two from 11, first letter exact) or, for the last word typed, as a prefix (1.5);</li>
 * <li>for the exact word, fields weigh title 3, tags 2.5, creator name 2, practice titles 1.2, description 1;
 * synonyms and typos count alike in every field; the query as a phrase in the title adds a bonus;</li>
 * <li>the text score is multiplied by {@code 1 + 0.1 × quality} (the Bayesian rating, 3.0 with no reviews), so
 * rating breaks near-ties without burying a better match;</li>
 * <li>without words, packs are ordered by quality, then number of reviews, then newest.</li>
 * </ul>
 * Filters (price type, creator, tags: every tag given) never change scores.
 */
final class PackQuery {

    static final int MAX_WORDS = 8;
    private static final List<String> FIELDS = List.of("title^3", "tags^2.5", "creator_name^2", "item_titles^1.2",
            "description^1");
    private static final List<String> PREFIX_FIELDS = List.of("title", "tags", "creator_name");
    /** One edit (a transposition counts as one) for 3–10 letters, two from 11: docs/catalog.md "Typos". */
    static final String FUZZINESS = "AUTO:3,11";
    /** Every text field in one (copy_to in the mapping): where synonyms and typos are looked up. */
    private static final String SEARCH_TEXT = "search_text";

    private PackQuery() {
    }

    /** The search's criteria, already validated. */
    record Criteria(String search, List<String> tags, UUID creatorId, String priceType) {

        List<String> words() {
            return search == null ? List.of() : SearchText.queryWords(search, MAX_WORDS);
        }

        List<String> tagKeys() {
            return tags == null ? List.of() : tags.stream().map(SearchText::tagKey).filter(t -> !t.isEmpty()).distinct().toList();
        }
    }

    static ObjectNode build(JsonMapper json, Criteria criteria, int from, int size, List<UUID> excluded) {
        ObjectNode request = json.createObjectNode();
        request.put("from", from);
        request.put("size", size);
        request.put("track_total_hits", true);
        // a hit is only its id, read from doc values: no stored fields, no _source (the fetch phase's cheapest form)
        request.put("stored_fields", "_none_");
        request.putArray("docvalue_fields").add("id");
        ObjectNode bool = json.createObjectNode();
        ArrayNode filter = bool.putArray("filter");
        if (criteria.priceType() != null) {
            filter.addObject().putObject("term").put("price_type", criteria.priceType());
        }
        if (criteria.creatorId() != null) {
            filter.addObject().putObject("term").put("creator_id", criteria.creatorId().toString());
        }
        for (String tag : criteria.tagKeys()) {
            filter.addObject().putObject("term").put("tag_keys", tag);
        }
        if (excluded != null && !excluded.isEmpty()) {
            ArrayNode ids = bool.putArray("must_not").addObject().putObject("ids").putArray("values");
            excluded.forEach(id -> ids.add(id.toString()));
        }
        List<String> words = criteria.words();
        ArrayNode sort = request.putArray("sort");
        if (words.isEmpty()) {
            bool.putArray("must").addObject().putObject("match_all");
            request.putObject("query").set("bool", bool);
            sort.addObject().putObject("quality").put("order", "desc");
            sort.addObject().putObject("review_count").put("order", "desc");
            sort.addObject().putObject("published_at").put("order", "desc").put("missing", "_last");
            sort.addObject().putObject("id").put("order", "asc");
            return request;
        }
        ArrayNode should = bool.putArray("should");
        for (int i = 0; i < words.size(); i++) {
            should.add(word(json, words.get(i), i == words.size() - 1));
        }
        bool.put("minimum_should_match", words.size() <= 3 ? String.valueOf(words.size()) : "75%");
        ObjectNode phrase = json.createObjectNode();
        phrase.putObject("match_phrase").putObject("title").put("query", String.join(" ", words)).put("slop", 2).put("boost", 4);
        ObjectNode outer = json.createObjectNode();
        ObjectNode outerBool = outer.putObject("bool");
        outerBool.putArray("must").addObject().set("bool", bool);
        outerBool.putArray("should").add(phrase);
        ObjectNode functionScore = request.putObject("query").putObject("function_score");
        functionScore.set("query", outer);
        ArrayNode functions = functionScore.putArray("functions");
        functions.addObject().put("weight", 1);
        functions.addObject().putObject("field_value_factor").put("field", "quality").put("factor", 0.1).put("missing", 3.0);
        functionScore.put("score_mode", "sum");
        functionScore.put("boost_mode", "multiply");
        sort.addObject().putObject("_score").put("order", "desc");
        sort.addObject().putObject("quality").put("order", "desc");
        sort.addObject().putObject("id").put("order", "asc");
        return request;
    }

    /**
     * One word of the query: exact, synonyms, typo, and (the last word) prefix, any of which matches. The exact word is
     * scored per field (their weights); its synonyms and typos are looked up once in {@code search_text}, every text
     * field copied into one: a typo's Levenshtein automaton is built once per word instead of once per field, and a
     * word's synonyms are one query, not one per synonym and field (Elasticsearch's CPU per uncached search fell from
     * ~15 to ~6 ms on the benchmark's index, docs/performance.md).
     */
    static ObjectNode word(JsonMapper json, String word, boolean last) {
        ObjectNode clause = json.createObjectNode();
        ObjectNode bool = clause.putObject("bool");
        ArrayNode any = bool.putArray("should");
        any.add(multiMatch(json, word));
        Set<String> synonyms = Synonyms.of(word);
        if (!synonyms.isEmpty()) {
            any.addObject().putObject("match").putObject(SEARCH_TEXT).put("query", String.join(" ", synonyms)).put("boost", 2.0);
        }
        if (word.length() >= 3) {
            any.addObject().putObject("match").putObject(SEARCH_TEXT).put("query", word).put("fuzziness", FUZZINESS)
                    .put("prefix_length", 1).put("max_expansions", 30).put("boost", 1.0);
        }
        if (last) {
            for (String field : PREFIX_FIELDS) {
                any.addObject().putObject("prefix").putObject(field).put("value", word).put("boost", 1.5);
            }
        }
        bool.put("minimum_should_match", 1);
        return clause;
    }

    private static ObjectNode multiMatch(JsonMapper json, String text) {
        ObjectNode clause = json.createObjectNode();
        ObjectNode match = clause.putObject("multi_match");
        match.put("query", text);
        ArrayNode fields = match.putArray("fields");
        FIELDS.forEach(fields::add);
        match.put("boost", 3.0);
        return clause;
    }

    static List<UUID> ids(JsonNode answer) {
        List<UUID> ids = new ArrayList<>();
        answer.path("hits").path("hits").forEach(hit -> ids.add(UUID.fromString(hit.path("fields").path("id").path(0).asString())));
        return ids;
    }

    static long total(JsonNode answer) {
        return answer.path("hits").path("total").path("value").asLong();
    }
}
