package com.waqup.catalog.pack;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.waqup.catalog.access.PackAccess;
import com.waqup.common.error.DomainException;
import com.waqup.common.paging.PageQuery;
import com.waqup.common.paging.Pagination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's search pattern: the result page's pack ids from the Redis cache or Elasticsearch, then the packs from
 * PostgreSQL (fresh ratings, creator names and prices), in the ranked order.
 */
@Service
public class CatalogService {

    static final Set<String> PRICE_TYPES = Set.of("free", "one_time", "subscription");
    static final int SEARCH_MAX = 200;
    static final int TAGS_MAX = 10;
    static final int TAG_MAX = 50;
    /** Elasticsearch's default result window: deeper pages are refused with a clear 400. */
    static final int RESULT_WINDOW = 10_000;
    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

    private final PackRepository packs;
    private final PackIndex index;
    private final SearchCache cache;
    private final PackAccess access;
    private final JsonMapper json;

    CatalogService(PackRepository packs, PackIndex index, SearchCache cache, PackAccess access, JsonMapper json) {
        this.packs = packs;
        this.index = index;
        this.cache = cache;
        this.access = access;
        this.json = json;
    }

    public record Creator(UUID id, String name) {
    }

    public record PackSummary(UUID id, String title, String description, Creator creator, String priceType,
            BigDecimal priceAmount, String currency, String subscriptionInterval, List<String> tags, String coverUrl,
            int ritualCount, Double rating, int reviewCount) {

        static PackSummary of(Pack p, int ritualCount) {
            return new PackSummary(p.id(), p.title(), p.description(), new Creator(p.creatorId(), p.creatorName()),
                    p.priceType(), p.priceAmount(), p.currency(), p.subscriptionInterval(), p.tags(), p.coverUrl(),
                    ritualCount, p.rating(), p.reviewCount());
        }
    }

    public record PackList(List<PackSummary> packs, Pagination pagination) {
    }

    public record Ritual(UUID id, String title, int duration, String practiceType) {
    }

    public record PackDetail(UUID id, String title, String description, Creator creator, List<Ritual> rituals,
            String priceType, BigDecimal priceAmount, String currency, String subscriptionInterval, List<String> tags,
            String coverUrl, int ritualCount, Double rating, int reviewCount, Instant publishedAt, boolean userHasAccess) {
    }

    /** Validates the list's parameters; every problem named by its field in one 400. */
    static PackQuery.Criteria criteria(String search, List<String> tags, UUID creatorId, String priceType, PageQuery page) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (search != null && search.length() > SEARCH_MAX) {
            problems.put("search", "must be at most " + SEARCH_MAX + " characters");
        }
        if (priceType != null && !PRICE_TYPES.contains(priceType)) {
            problems.put("price_type", "must be one of free, one_time, subscription");
        }
        if (tags != null && tags.size() > TAGS_MAX) {
            problems.put("tags", "at most " + TAGS_MAX + " tags");
        } else if (tags != null && tags.stream().anyMatch(t -> t == null || t.isBlank() || t.length() > TAG_MAX)) {
            problems.put("tags", "each tag must be 1 to " + TAG_MAX + " characters");
        }
        if ((long) page.page() * page.limit() > RESULT_WINDOW) {
            problems.put("page", "page × limit must be at most " + RESULT_WINDOW + "; narrow the search instead");
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalidFields(problems);
        }
        return new PackQuery.Criteria(search == null || search.isBlank() ? null : search.strip(), tags, creatorId, priceType);
    }

    /**
     * The answer of a search as the JSON body sent (a {@link PackList}): from the search cache, else the page's pack ids
     * from Elasticsearch and the packs from PostgreSQL (fresh ratings, creator names and prices; one query) in the ranked order,
     * then cached whole (every change to a pack or its rating invalidates the cache, {@link SearchCache}).
     */
    public byte[] search(PackQuery.Criteria criteria, PageQuery page) {
        String canonical = json.writeValueAsString(Arrays.asList(criteria.words(), criteria.tagKeys(),
                criteria.creatorId(), criteria.priceType(), page.page(), page.limit()));
        SearchCache.Lookup cached = cache.lookup(canonical);
        if (cached.answer() != null) {
            return cached.answer();
        }
        JsonNode answer = searchIndex(PackQuery.build(json, criteria, (int) page.offset(), page.limit(), List.of()));
        List<PackSummary> found = packs.findPublishedSummaries(PackQuery.ids(answer));
        byte[] body = json.writeValueAsBytes(new PackList(found, Pagination.of(page, PackQuery.total(answer))));
        cache.put(cached, body);
        return body;
    }

    JsonNode searchIndex(ObjectNode request) {
        try {
            return index.searchPage(request);
        } catch (Elasticsearch.ElasticsearchException e) {
            log.error("catalog search failed: {}", e.getMessage());
            throw DomainException.unavailable("SEARCH_UNAVAILABLE", "Search is temporarily unavailable; try again shortly");
        }
    }

    public PackDetail detail(UUID id, UUID userId) {
        Pack pack = packs.find(id).filter(Pack::published).orElseThrow(() -> notFound(id));
        boolean hasAccess = access.hasAccess(pack.id(), pack.creatorId(), userId);
        return new PackDetail(pack.id(), pack.title(), pack.description(), new Creator(pack.creatorId(), pack.creatorName()),
                pack.items().stream().map(i -> new Ritual(i.itemId(), i.title(), i.duration(), i.practiceType())).toList(),
                pack.priceType(), pack.priceAmount(), pack.currency(), pack.subscriptionInterval(), pack.tags(),
                pack.coverUrl(), pack.items().size(), pack.rating(), pack.reviewCount(), pack.publishedAt(), hasAccess);
    }

    public static DomainException notFound(UUID id) {
        return DomainException.notFound("PACK_NOT_FOUND", "Pack with ID " + id + " not found");
    }
}
