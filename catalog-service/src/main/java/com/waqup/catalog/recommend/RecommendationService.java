package com.waqup.catalog.recommend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.waqup.catalog.access.PackAccess;
import com.waqup.catalog.config.CatalogProperties;
import com.waqup.catalog.pack.Pack;
import com.waqup.catalog.pack.PackIndex;
import com.waqup.catalog.pack.PackRepository;
import com.waqup.catalog.search.SearchText;
import com.waqup.catalog.search.Synonyms;
import com.waqup.common.error.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Recommendations (docs/catalog.md): the person's interests are the words of their intents and tags — of what they
 * created ({@code content.ready}) and, weighing more, of what they actually practise ({@code practice.completed}) —
 * matched against packs' tags, titles and descriptions (with the domain's synonyms) in Elasticsearch. Packs they
 * created, practise from or have access to are left out. The score is the share of their interests a pack matches
 * (80 %) plus its rating quality (20 %); the reason names the interests it matched. Without any history (cold start),
 * well-rated popular packs.
 */
@Service
class RecommendationService {

    static final int HISTORY = 50;
    static final int MAX_TERMS = 8;
    /** Words of tags and content types that say nothing about what a person wants. */
    private static final Set<String> NOISE = Set.of("guided", "affirmation", "affirmations", "ritual", "rituals", "practice",
            "practices", "session", "short", "long", "medium", "deep", "light", "pack");
    private static final Logger log = LoggerFactory.getLogger(RecommendationService.class);

    private final ActivityRepository activity;
    private final PackRepository packs;
    private final PackIndex index;
    private final PackAccess access;
    private final JsonMapper json;
    private final CatalogProperties properties;

    RecommendationService(ActivityRepository activity, PackRepository packs, PackIndex index, PackAccess access,
            JsonMapper json, CatalogProperties properties) {
        this.activity = activity;
        this.packs = packs;
        this.index = index;
        this.access = access;
        this.json = json;
        this.properties = properties;
    }

    record Recommendation(UUID packId, String title, String reason, double score) {
    }

    record Recommendations(List<Recommendation> recommendations) {
    }

    enum Source { PRACTICE, CREATED }

    /** One interest: a folded word, how much it weighs and where it mostly comes from. */
    record Interest(String term, double weight, Source source) {
    }

    Recommendations recommend(UUID userId) {
        int limit = properties.recommendations();
        List<Interest> interests = interests(userId);
        Set<UUID> excluded = new LinkedHashSet<>(packs.createdBy(userId));
        excluded.addAll(activity.practicedPacks(userId));
        List<Recommendation> chosen = new ArrayList<>();
        AccessCheck check = new AccessCheck(userId);
        if (!interests.isEmpty()) {
            double total = interests.stream().mapToDouble(Interest::weight).sum();
            Map<String, Interest> byTerm = new HashMap<>();
            interests.forEach(i -> byTerm.put(i.term(), i));
            List<PackIndex.Hit> hits = index.hits(interestQuery(interests, excluded, limit * 3));
            Map<UUID, Pack> found = byId(hits.stream().map(PackIndex.Hit::id).toList());
            List<Recommendation> ranked = new ArrayList<>();
            for (PackIndex.Hit hit : hits) {
                Pack pack = found.get(hit.id());
                if (pack == null) {
                    continue;
                }
                List<Interest> matched = hit.matched().stream().map(byTerm::get).filter(i -> i != null)
                        .sorted(Comparator.comparingDouble(Interest::weight).reversed()).toList();
                if (matched.isEmpty()) {
                    continue;
                }
                double coverage = matched.stream().mapToDouble(Interest::weight).sum() / total;
                double score = round(0.8 * Math.min(1, coverage) + 0.2 * pack.quality() / 5);
                ranked.add(new Recommendation(pack.id(), pack.title(), reason(matched), score));
            }
            ranked.sort(Comparator.comparingDouble(Recommendation::score).reversed()); // stable: ties keep the index order
            for (Recommendation r : ranked) {
                if (chosen.size() == limit) {
                    break;
                }
                if (check.mayRecommend(r.packId(), found.get(r.packId()).creatorId())) {
                    chosen.add(r);
                }
            }
        }
        if (chosen.size() < limit) {
            chosen.forEach(r -> excluded.add(r.packId()));
            popular(limit - chosen.size(), excluded, check).forEach(chosen::add);
        }
        return new Recommendations(List.copyOf(chosen));
    }

    private List<Recommendation> popular(int count, Set<UUID> excluded, AccessCheck check) {
        ObjectNode request = json.createObjectNode();
        request.put("size", count * 3);
        request.put("_source", false);
        ObjectNode bool = request.putObject("query").putObject("bool");
        bool.putArray("must").addObject().putObject("match_all");
        excludeIds(bool, excluded);
        ArrayNode sort = request.putArray("sort");
        sort.addObject().putObject("quality").put("order", "desc");
        sort.addObject().putObject("review_count").put("order", "desc");
        sort.addObject().putObject("published_at").put("order", "desc").put("missing", "_last");
        sort.addObject().putObject("id").put("order", "asc");
        List<PackIndex.Hit> hits = index.hits(request);
        Map<UUID, Pack> found = byId(hits.stream().map(PackIndex.Hit::id).toList());
        List<Recommendation> picks = new ArrayList<>();
        for (PackIndex.Hit hit : hits) {
            Pack pack = found.get(hit.id());
            if (pack == null || picks.size() == count || !check.mayRecommend(pack.id(), pack.creatorId())) {
                continue;
            }
            String reason = pack.reviewCount() > 0
                    ? "Popular with the community: rated " + pack.rating() + " out of 5 by " + pack.reviewCount()
                            + (pack.reviewCount() == 1 ? " person" : " people")
                    : "New in the catalog and not yet rated: be one of the first to try it";
            picks.add(new Recommendation(pack.id(), pack.title(), reason, round(0.6 * pack.quality() / 5)));
        }
        return picks;
    }

    /** The person's interests, strongest first: practice counts 1.5 per time, created items' intents 2 and tags 1. */
    List<Interest> interests(UUID userId) {
        Map<String, double[]> weights = new LinkedHashMap<>(); // term → {practice weight, created weight}
        for (ActivityRepository.PracticedThing p : activity.practiced(userId, HISTORY)) {
            add(weights, p.intent(), 1.5, 0);
            p.tags().forEach(t -> add(weights, t, 1.5, 0));
            add(weights, p.contentType(), 0.5, 0);
        }
        for (ActivityRepository.Item item : activity.items(userId, HISTORY)) {
            add(weights, item.intent(), 0, 2);
            item.tags().forEach(t -> add(weights, t, 0, 1));
        }
        return weights.entrySet().stream()
                .map(e -> new Interest(e.getKey(), e.getValue()[0] + e.getValue()[1],
                        e.getValue()[0] >= e.getValue()[1] ? Source.PRACTICE : Source.CREATED))
                .sorted(Comparator.comparingDouble(Interest::weight).reversed()).limit(MAX_TERMS).toList();
    }

    private static void add(Map<String, double[]> weights, String text, double practice, double created) {
        if (text == null) {
            return;
        }
        for (String word : SearchText.words(text)) {
            if (word.length() < 3 || NOISE.contains(word)) {
                continue;
            }
            double[] w = weights.computeIfAbsent(word, k -> new double[2]);
            w[0] += practice;
            w[1] += created;
        }
    }

    private ObjectNode interestQuery(List<Interest> interests, Set<UUID> excluded, int size) {
        ObjectNode request = json.createObjectNode();
        request.put("size", size);
        request.put("_source", false);
        ObjectNode functionScore = request.putObject("query").putObject("function_score");
        ObjectNode bool = functionScore.putObject("query").putObject("bool");
        ArrayNode should = bool.putArray("should");
        for (Interest interest : interests) {
            ObjectNode clause = should.addObject().putObject("bool");
            clause.put("_name", interest.term());
            clause.put("boost", interest.weight());
            ArrayNode any = clause.putArray("should");
            any.add(match(interest.term(), 1.0));
            Synonyms.of(interest.term()).forEach(s -> any.add(match(s, 0.7)));
            clause.put("minimum_should_match", 1);
        }
        bool.put("minimum_should_match", 1);
        excludeIds(bool, excluded);
        ArrayNode functions = functionScore.putArray("functions");
        functions.addObject().put("weight", 1);
        functions.addObject().putObject("field_value_factor").put("field", "quality").put("factor", 0.1).put("missing", 3.0);
        functionScore.put("score_mode", "sum");
        functionScore.put("boost_mode", "multiply");
        return request;
    }

    private ObjectNode match(String text, double boost) {
        ObjectNode clause = json.createObjectNode();
        ObjectNode match = clause.putObject("multi_match");
        match.put("query", text);
        match.putArray("fields").add("tags^3").add("title^2").add("item_titles^1.5").add("description");
        match.put("boost", boost);
        return clause;
    }

    private static void excludeIds(ObjectNode bool, Set<UUID> excluded) {
        if (!excluded.isEmpty()) {
            ArrayNode ids = bool.putArray("must_not").addObject().putObject("ids").putArray("values");
            excluded.forEach(id -> ids.add(id.toString()));
        }
    }

    private Map<UUID, Pack> byId(List<UUID> ids) {
        Map<UUID, Pack> byId = new HashMap<>();
        packs.findPublished(ids).forEach(p -> byId.put(p.id(), p));
        return byId;
    }

    /** A human sentence naming the strongest matched interests and where they come from. */
    static String reason(List<Interest> matched) {
        List<String> words = matched.stream().limit(2).map(Interest::term).toList();
        String what = words.size() == 1 ? words.getFirst() : words.get(0) + " and " + words.get(1);
        return matched.getFirst().source() == Source.PRACTICE
                ? "Because you often practise for " + what
                : "Because you created practices about " + what;
    }

    private static double round(double score) {
        return Math.round(score * 100) / 100.0;
    }

    /** Asks ritual-library whether the person has each candidate; if it cannot answer, stops asking (and says so). */
    private final class AccessCheck {

        private final UUID userId;
        private boolean available = true;

        AccessCheck(UUID userId) {
            this.userId = userId;
        }

        boolean mayRecommend(UUID packId, UUID creatorId) {
            if (userId.equals(creatorId)) {
                return false;
            }
            if (!available) {
                return true;
            }
            try {
                return !access.hasAccess(packId, creatorId, userId);
            } catch (DomainException e) {
                available = false;
                log.warn("recommendations for {} not checked against pack access: {}", userId, e.getMessage());
                return true;
            }
        }
    }
}
