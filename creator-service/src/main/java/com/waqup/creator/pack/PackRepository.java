package com.waqup.creator.pack;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code pack}, {@code pack_item} and {@code pack_revision}. */
@Repository
class PackRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonMapper json;

    PackRepository(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record ItemRow(UUID id, UUID contentId, int position, PackEvents.Item snapshot, Integer snapshotRevision,
            boolean personalizable) {
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private Pack map(ResultSet rs) throws SQLException {
        return new Pack(rs.getObject("id", UUID.class), rs.getObject("creator_id", UUID.class), rs.getString("status"),
                rs.getString("title"), rs.getString("description"), rs.getString("price_type"),
                rs.getLong("price_amount_minor"), rs.getString("currency"), rs.getString("subscription_interval"),
                tags(rs.getArray("tags")), rs.getString("cover_url"), rs.getInt("revision"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "published_at"), instant(rs, "archived_at"));
    }

    Optional<Pack> find(UUID id) {
        return jdbc.query("select * from pack where id = :id", Map.of("id", id), (rs, n) -> map(rs)).stream().findFirst();
    }

    /** The creator's pack, locked for this transaction; someone else's is empty (a 404 for them). */
    Optional<Pack> lockOwned(UUID id, UUID creatorId) {
        return jdbc.query("select * from pack where id = :id and creator_id = :creator for update",
                Map.of("id", id, "creator", creatorId), (rs, n) -> map(rs)).stream().findFirst();
    }

    Optional<Pack> findOwned(UUID id, UUID creatorId) {
        return jdbc.query("select * from pack where id = :id and creator_id = :creator",
                Map.of("id", id, "creator", creatorId), (rs, n) -> map(rs)).stream().findFirst();
    }

    long count(UUID creatorId, String status) {
        MapSqlParameterSource p = new MapSqlParameterSource("creator", creatorId).addValue("status", status);
        Long n = jdbc.queryForObject("select count(*) from pack where creator_id = :creator"
                + (status == null ? "" : " and status = :status"), p, Long.class);
        return n == null ? 0 : n;
    }

    /** Newest first (ties by id, so pages never overlap). */
    List<Pack> page(UUID creatorId, String status, long offset, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("creator", creatorId).addValue("status", status)
                .addValue("offset", offset).addValue("limit", limit);
        return jdbc.query("select * from pack where creator_id = :creator" + (status == null ? "" : " and status = :status")
                + " order by created_at desc, id desc limit :limit offset :offset", p, (rs, n) -> map(rs));
    }

    List<Pack> allOf(UUID creatorId) {
        return jdbc.query("select * from pack where creator_id = :creator order by created_at, id",
                Map.of("creator", creatorId), (rs, n) -> map(rs));
    }

    void insert(Pack p) {
        jdbc.update("insert into pack (id, creator_id, status, title, description, price_type, price_amount_minor, currency,"
                + " subscription_interval, tags, cover_url, revision, created_at, updated_at) values (:id, :creator, :status,"
                + " :title, :description, :price_type, :price, :currency, :interval, cast(:tags as text[]), :cover, :revision,"
                + " :created, :updated)", params(p));
    }

    void update(Pack p) {
        jdbc.update("update pack set status = :status, title = :title, description = :description, price_type = :price_type,"
                + " price_amount_minor = :price, currency = :currency, subscription_interval = :interval,"
                + " tags = cast(:tags as text[]), cover_url = :cover, revision = :revision, updated_at = :updated,"
                + " published_at = :published, archived_at = :archived where id = :id", params(p));
    }

    void markCreatorErased(UUID creatorId) {
        jdbc.update("update pack set creator_erased = true where creator_id = :creator", Map.of("creator", creatorId));
    }

    int deleteDrafts(UUID creatorId) {
        return jdbc.update("delete from pack where creator_id = :creator and status = 'draft'", Map.of("creator", creatorId));
    }

    private static MapSqlParameterSource params(Pack p) {
        return new MapSqlParameterSource("id", p.id()).addValue("creator", p.creatorId()).addValue("status", p.status())
                .addValue("title", p.title()).addValue("description", p.description()).addValue("price_type", p.priceType())
                .addValue("price", p.priceAmountMinor()).addValue("currency", p.currency())
                .addValue("interval", p.subscriptionInterval()).addValue("tags", p.tags().toArray(String[]::new))
                .addValue("cover", p.coverUrl()).addValue("revision", p.revision())
                .addValue("created", ts(p.createdAt())).addValue("updated", ts(p.updatedAt()))
                .addValue("published", ts(p.publishedAt())).addValue("archived", ts(p.archivedAt()));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    // ---- items --------------------------------------------------------------------------------------------

    List<ItemRow> items(UUID packId) {
        return jdbc.query("select * from pack_item where pack_id = :pack order by position", Map.of("pack", packId),
                (rs, n) -> new ItemRow(rs.getObject("id", UUID.class), rs.getObject("content_id", UUID.class),
                        rs.getInt("position"), rs.getString("snapshot") == null ? null
                                : json.readValue(rs.getString("snapshot"), PackEvents.Item.class),
                        (Integer) rs.getObject("snapshot_revision"), rs.getBoolean("personalizable")));
    }

    /** Sets whether buyers may personalize the item; false when the pack has no such item. */
    boolean setPersonalizable(UUID packId, UUID itemId, boolean personalizable) {
        return jdbc.update("update pack_item set personalizable = :flag where pack_id = :pack and id = :id",
                new MapSqlParameterSource("pack", packId).addValue("id", itemId).addValue("flag", personalizable)) == 1;
    }

    long itemCount(UUID packId) {
        Long n = jdbc.queryForObject("select count(*) from pack_item where pack_id = :pack", Map.of("pack", packId), Long.class);
        return n == null ? 0 : n;
    }

    /** Replaces the pack's items by {@code rows} (ids kept for content already in the pack, so snapshots stay). */
    void replaceItems(UUID packId, List<ItemRow> rows) {
        jdbc.update("delete from pack_item where pack_id = :pack and not (content_id = any(cast(:keep as uuid[])))",
                new MapSqlParameterSource("pack", packId)
                        .addValue("keep", rows.stream().map(ItemRow::contentId).toArray(UUID[]::new)));
        // positions move: park them out of the way first, the final order is written below
        jdbc.update("update pack_item set position = position + 100000 where pack_id = :pack", Map.of("pack", packId));
        for (ItemRow row : rows) {
            jdbc.update("insert into pack_item (id, pack_id, content_id, position) values (:id, :pack, :content, :position)"
                    + " on conflict (pack_id, content_id) do update set position = excluded.position",
                    new MapSqlParameterSource("id", row.id()).addValue("pack", packId).addValue("content", row.contentId())
                            .addValue("position", row.position()));
        }
    }

    void saveSnapshot(UUID itemId, PackEvents.Item snapshot, int revision) {
        jdbc.update("update pack_item set snapshot = cast(:snapshot as jsonb), snapshot_revision = :revision where id = :id",
                new MapSqlParameterSource("id", itemId).addValue("snapshot", json.writeValueAsString(snapshot))
                        .addValue("revision", revision));
    }

    // ---- revisions ----------------------------------------------------------------------------------------

    void insertRevision(PackEvents.PackRevision revision, Instant at) {
        jdbc.update("insert into pack_revision (pack_id, revision, payload, published_at) values (:pack, :revision,"
                + " cast(:payload as jsonb), :at)", new MapSqlParameterSource("pack", revision.packId())
                        .addValue("revision", revision.revision()).addValue("payload", json.writeValueAsString(revision))
                        .addValue("at", Timestamp.from(at)));
    }

    record RevisionRow(PackEvents.PackRevision payload, Instant publishedAt) {
    }

    long revisionCount(UUID packId) {
        Long n = jdbc.queryForObject("select count(*) from pack_revision where pack_id = :pack", Map.of("pack", packId), Long.class);
        return n == null ? 0 : n;
    }

    List<RevisionRow> revisions(UUID packId, long offset, int limit) {
        return jdbc.query("select * from pack_revision where pack_id = :pack order by revision desc limit :limit offset :offset",
                new MapSqlParameterSource("pack", packId).addValue("limit", limit).addValue("offset", offset),
                (rs, n) -> new RevisionRow(json.readValue(rs.getString("payload"), PackEvents.PackRevision.class),
                        instant(rs, "published_at")));
    }

    /** Replaces the creator's name in every stored revision of theirs (erasure: the neutral label). */
    int relabelRevisions(UUID creatorId, String label) {
        return jdbc.update("update pack_revision r set payload = jsonb_set(payload, '{creator_name}', to_jsonb(cast(:label as text)))"
                + " from pack p where p.id = r.pack_id and p.creator_id = :creator",
                new MapSqlParameterSource("creator", creatorId).addValue("label", label));
    }

    /** Packs whose revisions ever carried this creator's items (for the owner check of analytics). */
    List<UUID> publishedIdsOf(UUID creatorId) {
        return jdbc.queryForList("select id from pack where creator_id = :creator and status = 'published'",
                Map.of("creator", creatorId), UUID.class);
    }
}
