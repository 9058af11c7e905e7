package com.waqup.catalog.pack;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import com.waqup.catalog.config.CatalogProperties;
import com.waqup.catalog.search.SearchText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The search index behind the alias {@code waqup.catalog.index}: one document per published pack, built from the
 * PostgreSQL projection with accent-folded text. The mapping is versioned in the repository
 * ({@code elasticsearch/packs-mapping.json}, {@code _meta.mapping_version}); {@link #rebuild} fills a new index and
 * swaps the alias atomically, so searches never see a missing or half-filled index (docs/catalog.md).
 */
@Component
public class PackIndex {

    static final String MAPPING = "elasticsearch/packs-mapping.json";
    private static final Logger log = LoggerFactory.getLogger(PackIndex.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    /** How far back the catch-up after a swap looks: covers transactions that were in flight while the copy ran. */
    private static final Duration CATCH_UP_MARGIN = Duration.ofMinutes(1);
    private static final int BATCH = 500;

    private final Elasticsearch es;
    private final PackRepository packs;
    private final JsonMapper json;
    private final Clock clock;
    private final String alias;
    private final ObjectNode mapping;
    private final ReentrantLock rebuilding = new ReentrantLock();
    private final TransactionTemplate transactions;

    PackIndex(Elasticsearch es, PackRepository packs, JsonMapper json, Clock clock, CatalogProperties properties,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.es = es;
        this.packs = packs;
        this.json = json;
        this.clock = clock;
        this.alias = properties.index();
        this.mapping = loadMapping(json);
    }

    private static ObjectNode loadMapping(JsonMapper json) {
        try (InputStream in = new ClassPathResource(MAPPING).getInputStream()) {
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + MAPPING, e);
        }
    }

    public String alias() {
        return alias;
    }

    /** The mapping version this build of the service writes ({@code _meta.mapping_version}). */
    public int mappingVersion() {
        return mapping.path("mappings").path("_meta").path("mapping_version").asInt();
    }

    /** The index the alias points at now, or {@code null} when there is none. */
    String currentIndex() {
        if (es.status("GET", "/_alias/" + alias) == 404) {
            return null;
        }
        JsonNode answer = es.call("GET", "/_alias/" + alias, null);
        return answer.propertyNames().stream().findFirst().orElse(null);
    }

    /** The mapping version of the index behind the alias (0 when unknown). */
    int currentMappingVersion(String index) {
        JsonNode answer = es.call("GET", "/" + index + "/_mapping", null);
        return answer.path(index).path("mappings").path("_meta").path("mapping_version").asInt(0);
    }

    /**
     * Writes the pack's document (a published pack) or removes it (anything else), through the alias, visible to
     * searches at once ({@code refresh=true}): the search cache is invalidated right after, and a search in between
     * must not cache the old state. Catalog writes are rare (publications, reviews), so the refresh costs little.
     */
    public void write(Pack pack) {
        if (pack.published()) {
            es.call("PUT", "/" + alias + "/_doc/" + pack.id() + "?refresh=true", document(pack));
        } else {
            remove(pack.id());
        }
    }

    void remove(UUID id) {
        try {
            es.call("DELETE", "/" + alias + "/_doc/" + id + "?refresh=true", null);
        } catch (Elasticsearch.ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** Updates only the rating fields of a pack's document. */
    public void writeRatings(Pack pack) {
        ObjectNode doc = json.createObjectNode();
        doc.putPOJO("rating", pack.rating());
        doc.put("review_count", pack.reviewCount());
        doc.put("quality", pack.quality());
        try {
            es.call("POST", "/" + alias + "/_update/" + pack.id() + "?refresh=true", Map.of("doc", doc));
        } catch (Elasticsearch.ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
            write(packs.find(pack.id()).orElse(pack)); // not indexed yet: the whole document
        }
    }

    /** One hit of a search: the pack, Elasticsearch's score and the names of the query clauses it matched. */
    public record Hit(UUID id, double score, List<String> matched) {
    }

    /** Runs {@code request} against the alias and answers its hits in order. */
    public List<Hit> hits(ObjectNode request) {
        List<Hit> hits = new ArrayList<>();
        for (JsonNode hit : search(request).path("hits").path("hits")) {
            List<String> matched = new ArrayList<>();
            hit.path("matched_queries").forEach(m -> matched.add(m.asString()));
            hits.add(new Hit(UUID.fromString(hit.path("_id").asString()), hit.path("_score").asDouble(0), matched));
        }
        return hits;
    }

    /** Runs a search request against the alias. */
    JsonNode search(ObjectNode request) {
        return es.call("POST", "/" + alias + "/_search", request);
    }

    /**
     * Runs a search request built by {@link PackQuery#build} and answers only what a result page needs: the total and
     * each hit's {@code id} field (Elasticsearch leaves the rest of its answer out: less to write and to read).
     */
    JsonNode searchPage(ObjectNode request) {
        return es.call("POST", "/" + alias + "/_search?filter_path=hits.total,hits.hits.fields.id", request);
    }

    /** Makes the alias visible to searches now (tests, the demo seeding): normally documents show within a second. */
    public void refresh() {
        es.call("POST", "/" + alias + "/_refresh", null);
    }

    /** Creates the index and alias when missing, or rebuilds it when its mapping version is older than this build's. */
    void ensureReady() {
        try {
            ensureReadyNow();
        } catch (RebuildRunningException e) {
            log.info("search alias {} is being built by another instance", alias);
        }
    }

    private void ensureReadyNow() {
        String current = currentIndex();
        if (current == null) {
            log.info("search alias {} missing: building it from the projection", alias);
            rebuild();
        } else if (currentMappingVersion(current) < mappingVersion()) {
            log.info("search index {} has mapping v{}, this build writes v{}: rebuilding behind the alias", current,
                    currentMappingVersion(current), mappingVersion());
            rebuild();
        }
    }

    /** What a rebuild did. */
    public record Rebuild(String index, String previousIndex, int mappingVersion, long documents, Instant startedAt,
            Instant finishedAt) {
    }

    /**
     * Builds a new index from the projection and swaps the alias to it in one atomic {@code _aliases} call, then
     * copies again what changed while it was building (those writes went to the old index) and deletes the old
     * index. One rebuild at a time (a PostgreSQL advisory lock across instances); searches and writes go on throughout.
     */
    public Rebuild rebuild() {
        if (!rebuilding.tryLock()) {
            throw new RebuildRunningException(alias);
        }
        try {
            // across instances: a transaction-scoped advisory lock held for the whole rebuild
            return transactions.execute(tx -> {
                if (!packs.tryRebuildLock(alias)) {
                    throw new RebuildRunningException(alias);
                }
                return rebuildLocked();
            });
        } finally {
            rebuilding.unlock();
        }
    }

    /** Another rebuild of the alias is running (in this instance or another). */
    public static class RebuildRunningException extends RuntimeException {

        RebuildRunningException(String alias) {
            super("a rebuild of " + alias + " is already running");
        }
    }

    private Rebuild rebuildLocked() {
        Instant started = clock.instant();
        String previous = currentIndex();
        String index = alias + "-v" + mappingVersion() + "-" + STAMP.format(started);
        ObjectNode create = mapping.deepCopy();
        ((ObjectNode) create.path("settings")).put("refresh_interval", "-1");
        es.call("PUT", "/" + index, create);
        long[] count = { 0 };
        packs.forEachPublished(null, BATCH, batch -> count[0] += bulkIndex(index, batch));
        es.call("PUT", "/" + index + "/_settings", Map.of("index", Map.of("refresh_interval",
                mapping.path("settings").path("refresh_interval").asString("1s"))));
        es.call("POST", "/" + index + "/_refresh", null);
        List<Object> actions = new ArrayList<>();
        if (previous != null) {
            actions.add(Map.of("remove", Map.of("index", previous, "alias", alias)));
        } else if (es.status("HEAD", "/" + alias) == 200) {
            es.call("DELETE", "/" + alias, null); // a concrete index squatting the alias name (never ours)
        }
        actions.add(Map.of("add", Map.of("index", index, "alias", alias, "is_write_index", true)));
        es.call("POST", "/_aliases", Map.of("actions", actions));
        Instant since = started.minus(CATCH_UP_MARGIN);
        packs.forEachPublished(since, BATCH, batch -> bulkIndex(alias, batch));
        for (UUID archived : packs.archivedSince(since)) {
            remove(archived);
        }
        if (previous != null) {
            es.call("DELETE", "/" + previous, null);
        }
        Instant finished = clock.instant();
        log.info("search index rebuilt: {} → {} ({} packs, mapping v{}, {} ms)", previous, index, count[0],
                mappingVersion(), Duration.between(started, finished).toMillis());
        return new Rebuild(index, previous, mappingVersion(), count[0], started, finished);
    }

    private long bulkIndex(String target, List<Pack> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        StringBuilder ndjson = new StringBuilder();
        for (Pack pack : batch) {
            ndjson.append(json.writeValueAsString(Map.of("index", Map.of("_id", pack.id().toString())))).append('\n');
            ndjson.append(json.writeValueAsString(document(pack))).append('\n');
        }
        es.bulk("/" + target + "/_bulk", ndjson.toString());
        return batch.size();
    }

    /** The pack's search document: folded text, filter keys and the ranking signals. */
    ObjectNode document(Pack pack) {
        ObjectNode doc = json.createObjectNode();
        doc.put("id", pack.id().toString());
        doc.put("title", SearchText.fold(pack.title()));
        doc.put("description", SearchText.fold(pack.description()));
        Set<String> tagKeys = new LinkedHashSet<>();
        pack.tags().forEach(t -> tagKeys.add(SearchText.tagKey(t)));
        tagKeys.remove("");
        doc.putPOJO("tags", List.copyOf(tagKeys));
        doc.putPOJO("tag_keys", List.copyOf(tagKeys));
        doc.put("creator_name", SearchText.fold(pack.creatorName()));
        doc.putPOJO("item_titles", pack.items().stream().map(i -> SearchText.fold(i.title())).toList());
        doc.put("creator_id", pack.creatorId().toString());
        doc.put("price_type", pack.priceType());
        doc.putPOJO("practice_types", pack.items().stream().map(Pack.Item::practiceType).filter(p -> p != null).distinct().toList());
        doc.putPOJO("rating", pack.rating());
        doc.put("review_count", pack.reviewCount());
        doc.put("quality", pack.quality());
        doc.put("published_at", pack.publishedAt() == null ? null : pack.publishedAt().toString());
        return doc;
    }
}
