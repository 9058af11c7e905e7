package com.waqup.catalog.pack;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The catalog's projection of packs ({@code pack}, {@code pack_item}) in PostgreSQL, the source the index is built from. */
@Repository
public class PackRepository {

    private static final String COLUMNS = "id, revision, status, creator_id, creator_name, title, description, price_type,"
            + " price_amount_minor, currency, subscription_interval, tags, cover_url, published_at, rating_sum, review_count, updated_at";

    private final JdbcTemplate jdbc;

    PackRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores {@code pack} (a published or updated revision) unless a revision at least as high is stored already;
     * {@code true} when it was applied. Ratings are the catalog's own and never overwritten.
     */
    boolean applyRevision(Pack pack, Instant now) {
        int changed = jdbc.update("""
                insert into pack (id, revision, status, creator_id, creator_name, title, description, price_type,
                    price_amount_minor, currency, subscription_interval, tags, cover_url, published_at, archived_at, updated_at)
                values (?, ?, 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?)
                on conflict (id) do update set revision = excluded.revision, status = 'published',
                    creator_id = excluded.creator_id, creator_name = excluded.creator_name, title = excluded.title,
                    description = excluded.description, price_type = excluded.price_type,
                    price_amount_minor = excluded.price_amount_minor, currency = excluded.currency,
                    subscription_interval = excluded.subscription_interval, tags = excluded.tags,
                    cover_url = excluded.cover_url, published_at = excluded.published_at, archived_at = null,
                    updated_at = excluded.updated_at
                where pack.revision < excluded.revision""",
                pack.id(), pack.revision(), pack.creatorId(), pack.creatorName(), pack.title(), pack.description(),
                pack.priceType(), pack.priceAmountMinor(), pack.currency(), pack.subscriptionInterval(),
                pack.tags().toArray(String[]::new), pack.coverUrl(), ts(pack.publishedAt()), ts(now));
        if (changed == 0) {
            return false;
        }
        jdbc.update("delete from pack_item where pack_id = ?", pack.id());
        for (Pack.Item item : pack.items()) {
            jdbc.update("""
                    insert into pack_item (pack_id, item_id, position, title, duration, practice_type, content_type, tags)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (pack_id, item_id) do nothing""",
                    pack.id(), item.itemId(), item.position(), item.title(), item.duration(), item.practiceType(),
                    item.contentType(), item.tags().toArray(String[]::new));
        }
        return true;
    }

    /**
     * Archives the pack at {@code revision} unless a newer revision is stored; a pack never seen becomes a tombstone so
     * that its late {@code pack.published} cannot bring it back. {@code true} when the catalog changed.
     */
    boolean archive(UUID id, int revision, UUID creatorId, Instant archivedAt, Instant now) {
        return jdbc.update("""
                insert into pack (id, revision, status, creator_id, archived_at, updated_at)
                values (?, ?, 'archived', ?, ?, ?)
                on conflict (id) do update set revision = excluded.revision, status = 'archived',
                    archived_at = excluded.archived_at, updated_at = excluded.updated_at
                where pack.revision <= excluded.revision and pack.status <> 'archived'""",
                id, revision, creatorId, ts(archivedAt), ts(now)) == 1;
    }

    /** The pack with its items, whatever its status. */
    public Optional<Pack> find(UUID id) {
        List<Pack> found = jdbc.query("select " + COLUMNS + " from pack where id = ?", rows(), id);
        return found.isEmpty() ? Optional.empty() : Optional.of(withItems(found).getFirst());
    }

    /** The pack row locked for an update of its ratings (items not loaded). */
    public Optional<Pack> lockPublished(UUID id) {
        return jdbc.query("select " + COLUMNS + " from pack where id = ? and status = 'published' for update", rows(), id)
                .stream().findFirst();
    }

    /** The published packs among {@code ids}, with items, in the order of {@code ids}. */
    public List<Pack> findPublished(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Pack> found = withItems(jdbc.query("select " + COLUMNS + " from pack where status = 'published' and id = any(?)",
                rows(), (Object) ids.toArray(UUID[]::new)));
        Map<UUID, Pack> byId = new LinkedHashMap<>();
        found.forEach(p -> byId.put(p.id(), p));
        return ids.stream().map(byId::get).filter(p -> p != null).toList();
    }

    /**
     * A search page: the published packs among {@code ids} as listed (their item count, not their items), in the order
     * of {@code ids}, in one query.
     */
    List<CatalogService.PackSummary> findPublishedSummaries(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, CatalogService.PackSummary> byId = new HashMap<>();
        jdbc.query("select " + COLUMNS + ", (select count(*) from pack_item i where i.pack_id = pack.id) as ritual_count"
                + " from pack where status = 'published' and id = any(?)", rs -> {
                    Pack p = rows().mapRow(rs, 0);
                    byId.put(p.id(), CatalogService.PackSummary.of(p, rs.getInt("ritual_count")));
                }, (Object) ids.toArray(UUID[]::new));
        return ids.stream().map(byId::get).filter(p -> p != null).toList();
    }

    /** Adds {@code sumDelta}/{@code countDelta} to a pack's ratings. */
    public void adjustRatings(UUID id, long sumDelta, int countDelta, Instant now) {
        jdbc.update("update pack set rating_sum = rating_sum + ?, review_count = review_count + ?, updated_at = ? where id = ?",
                sumDelta, countDelta, ts(now), id);
    }

    /** Every published pack changed at or after {@code since} (all of them for {@code null}), in batches. */
    void forEachPublished(Instant since, int batch, Consumer<List<Pack>> consumer) {
        UUID after = new UUID(0, 0); // PostgreSQL orders uuids as unsigned bytes: the nil uuid is the smallest
        while (true) {
            List<Pack> page = since == null
                    ? jdbc.query("select " + COLUMNS + " from pack where status = 'published' and id > ? order by id limit ?",
                            rows(), after, batch)
                    : jdbc.query("select " + COLUMNS + " from pack where status = 'published' and updated_at >= ? and id > ?"
                            + " order by id limit ?", rows(), ts(since), after, batch);
            if (page.isEmpty()) {
                return;
            }
            consumer.accept(withItems(page));
            after = page.getLast().id();
        }
    }

    /** Archived packs changed at or after {@code since}: to be removed from a rebuilt index. */
    List<UUID> archivedSince(Instant since) {
        return jdbc.queryForList("select id from pack where status = 'archived' and updated_at >= ?", UUID.class, ts(since));
    }

    /**
     * Takes the rebuild lock of {@code alias} for the current transaction ({@code pg_try_advisory_xact_lock}): only one
     * instance of the service rebuilds an index at a time. {@code false} when another holds it.
     */
    boolean tryRebuildLock(String alias) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(hashtext(?))", Boolean.class,
                "catalog-rebuild:" + alias));
    }

    /** The ids of the packs {@code creatorId} created. */
    public List<UUID> createdBy(UUID creatorId) {
        return jdbc.queryForList("select id from pack where creator_id = ?", UUID.class, creatorId);
    }

    private List<Pack> withItems(List<Pack> packs) {
        if (packs.isEmpty()) {
            return packs;
        }
        Map<UUID, List<Pack.Item>> items = new LinkedHashMap<>();
        jdbc.query("""
                select pack_id, item_id, position, title, duration, practice_type, content_type, tags
                from pack_item where pack_id = any(?) order by pack_id, position""", rs -> {
            items.computeIfAbsent(rs.getObject("pack_id", UUID.class), k -> new ArrayList<>())
                    .add(new Pack.Item(rs.getObject("item_id", UUID.class), rs.getInt("position"), rs.getString("title"),
                            rs.getInt("duration"), rs.getString("practice_type"), rs.getString("content_type"),
                            strings(rs.getArray("tags"))));
        }, (Object) packs.stream().map(Pack::id).toArray(UUID[]::new));
        return packs.stream().map(p -> new Pack(p.id(), p.revision(), p.status(), p.creatorId(), p.creatorName(), p.title(),
                p.description(), p.priceType(), p.priceAmountMinor(), p.currency(), p.subscriptionInterval(), p.tags(),
                p.coverUrl(), p.publishedAt(), p.ratingSum(), p.reviewCount(), p.updatedAt(),
                List.copyOf(items.getOrDefault(p.id(), List.of())))).toList();
    }

    private static RowMapper<Pack> rows() {
        return (rs, n) -> new Pack(rs.getObject("id", UUID.class), rs.getInt("revision"), rs.getString("status"),
                rs.getObject("creator_id", UUID.class), rs.getString("creator_name"), rs.getString("title"),
                rs.getString("description"), rs.getString("price_type"), rs.getLong("price_amount_minor"),
                rs.getString("currency"), rs.getString("subscription_interval"), strings(rs.getArray("tags")),
                rs.getString("cover_url"), instant(rs, "published_at"), rs.getLong("rating_sum"), rs.getInt("review_count"),
                instant(rs, "updated_at"), List.of());
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.copyOf(Arrays.asList((String[]) array.getArray()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
