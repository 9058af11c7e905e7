package com.waqup.library.content;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code content_item} and {@code content_item_version} (JDBC: text[] tags and jsonb read as they are). */
@Repository
class ContentRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonMapper json;

    ContentRepository(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Row(ContentMetadata metadata, Instant lastPlayedAt, int playCount, Instant editedAt) {
    }

    record Version(int version, String audioKey, int duration, String format, Long sizeBytes, Instant createdAt) {
    }

    record Filter(UUID userId, String contentType, List<String> tags, String depth, Boolean favorite, UUID folderId,
            UUID packId, Instant now) {
    }

    private final RowMapper<Row> rowMapper = (rs, n) -> new Row(metadata(rs), instant(rs, "last_played_at"),
            rs.getInt("play_count"), instant(rs, "edited_at"));

    private ContentMetadata metadata(ResultSet rs) throws SQLException {
        return new ContentMetadata(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("content_type"), rs.getString("title"), rs.getString("content_text"), rs.getString("depth"),
                rs.getInt("audio_duration"), tags(rs.getArray("tags")),
                rs.getString("voice_id") == null && rs.getString("voice_name") == null ? null
                        : new ContentMetadata.Voice(rs.getString("voice_id"), rs.getString("voice_name")),
                rs.getString("audio_key"), rs.getString("audio_format"), (Long) rs.getObject("audio_size_bytes"),
                rs.getInt("version"), rs.getObject("folder_id", UUID.class), rs.getTimestamp("favorited_at") != null,
                instant(rs, "created_at"), instant(rs, "updated_at"), node(rs.getString("structure")),
                node(rs.getString("context")), rs.getString("source"), rs.getObject("pack_id", UUID.class),
                rs.getObject("source_pack_id", UUID.class), rs.getObject("personalized_from", UUID.class));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private JsonNode node(String raw) {
        return raw == null ? null : json.readTree(raw);
    }

    String text(JsonNode node) {
        return node == null || node.isNull() ? null : json.writeValueAsString(node);
    }

    /** A pack item is visible while its person's grant of the pack is active (not revoked, paid period not over). */
    private static final String ACTIVE_GRANT = "exists (select 1 from pack_grant g where g.user_id = content_item.user_id"
            + " and g.pack_id = content_item.pack_id and g.revoked_at is null and (g.access_until is null or g.access_until > :now))";

    /** Whether the person may use the pack's items now (their grant is active). */
    boolean packAccessActive(UUID userId, UUID packId, Instant now) {
        Boolean active = jdbc.queryForObject("select exists (select 1 from pack_grant g where g.user_id = :user and g.pack_id = :pack"
                + " and g.revoked_at is null and (g.access_until is null or g.access_until > :now))",
                new MapSqlParameterSource("user", userId).addValue("pack", packId).addValue("now", Timestamp.from(now)),
                Boolean.class);
        return Boolean.TRUE.equals(active);
    }

    Optional<Row> find(UUID id) {
        return jdbc.query("select * from content_item where id = :id and hidden_at is null", Map.of("id", id), rowMapper).stream().findFirst();
    }

    Optional<Row> lockOwned(UUID id, UUID userId) {
        return jdbc.query("select * from content_item where id = :id and user_id = :user and hidden_at is null for update",
                Map.of("id", id, "user", userId), rowMapper).stream().findFirst();
    }

    Optional<Row> lock(UUID id) {
        return jdbc.query("select * from content_item where id = :id for update", Map.of("id", id), rowMapper).stream().findFirst();
    }

    private String where(Filter f, MapSqlParameterSource p) {
        StringBuilder sql = new StringBuilder(" where user_id = :user and hidden_at is null and (pack_id is null or "
                + ACTIVE_GRANT + ")");
        p.addValue("user", f.userId()).addValue("now", Timestamp.from(f.now()));
        if (f.packId() != null) {
            sql.append(" and pack_id = :pack");
            p.addValue("pack", f.packId());
        }
        if (f.contentType() != null) {
            sql.append(" and content_type = :type");
            p.addValue("type", f.contentType());
        }
        if (f.depth() != null) {
            sql.append(" and depth = :depth");
            p.addValue("depth", f.depth());
        }
        if (f.tags() != null && !f.tags().isEmpty()) {
            sql.append(" and tags && cast(:tags as text[])");
            p.addValue("tags", f.tags().toArray(String[]::new));
        }
        if (f.favorite() != null) {
            sql.append(f.favorite() ? " and favorited_at is not null" : " and favorited_at is null");
        }
        if (f.folderId() != null) {
            sql.append(" and folder_id = :folder");
            p.addValue("folder", f.folderId());
        }
        return sql.toString();
    }

    long count(Filter f) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        Long total = jdbc.queryForObject("select count(*) from content_item" + where(f, p), p, Long.class);
        return total == null ? 0 : total;
    }

    /** Newest first (ties by id, so pages never overlap). */
    List<Row> page(Filter f, long offset, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String sql = "select * from content_item" + where(f, p) + " order by created_at desc, id desc limit :limit offset :offset";
        p.addValue("limit", limit).addValue("offset", offset);
        return jdbc.query(sql, p, rowMapper);
    }

    List<Row> allOf(UUID userId) {
        return jdbc.query("select * from content_item where user_id = :user and hidden_at is null order by created_at desc, id desc",
                Map.of("user", userId), rowMapper);
    }

    /** Inserts a new item; {@code false} if the id exists already (a concurrent or earlier version). */
    boolean insert(ContentMetadata m, Instant now) {
        MapSqlParameterSource p = params(m).addValue("created", Timestamp.from(m.createdAt()))
                .addValue("now", Timestamp.from(now));
        return jdbc.update("insert into content_item (id, user_id, content_type, title, content_text, voice_id, voice_name,"
                + " audio_key, audio_format, audio_size_bytes, audio_duration, version, depth, tags, structure, context,"
                + " created_at, updated_at) values (:id, :user, :type, :title, :text, :voice_id, :voice_name, :key, :format,"
                + " :size, :duration, :version, :depth, cast(:tags as text[]), cast(:structure as jsonb),"
                + " cast(:context as jsonb), :created, :now) on conflict (id) do nothing", p) == 1;
    }

    /**
     * A new item that a personalization of a pack item asked for (the library's {@code personalization} row: the one
     * the job's session id names, or whose {@code content_id} it is, even if the library had not stored the job's answer
     * yet) gets its links to the pack and to the item it re-made, and the personalization is ready. False when the item
     * is no personalization.
     */
    boolean linkPersonalization(UUID id, UUID userId, UUID personalizationId, Instant now) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id).addValue("user", userId)
                .addValue("personalization", personalizationId).addValue("now", Timestamp.from(now));
        jdbc.update("update personalization set content_id = coalesce(content_id, :id), status = 'ready', updated_at = :now"
                + " where user_id = :user and (content_id = :id or id = cast(:personalization as uuid))"
                + " and status <> 'ready'", p);
        return jdbc.update("update content_item c set source_pack_id = p.pack_id, personalized_from = p.source_item_id"
                + " from personalization p where c.id = :id and p.content_id = :id and p.user_id = :user", p) > 0;
    }

    /** Makes a new version current; the title and tags only if the person has not edited them. */
    void applyVersion(ContentMetadata m, boolean keepTitleAndTags, Instant now) {
        MapSqlParameterSource p = params(m).addValue("now", Timestamp.from(now)).addValue("keep", keepTitleAndTags);
        jdbc.update("update content_item set content_type = :type, content_text = :text, voice_id = :voice_id,"
                + " voice_name = :voice_name, audio_key = :key, audio_format = :format, audio_size_bytes = :size,"
                + " audio_duration = :duration, version = :version, depth = :depth, structure = cast(:structure as jsonb),"
                + " context = cast(:context as jsonb), updated_at = :now,"
                + " title = case when :keep then title else :title end,"
                + " tags = case when :keep then tags else cast(:tags as text[]) end where id = :id", p);
    }

    private MapSqlParameterSource params(ContentMetadata m) {
        return new MapSqlParameterSource().addValue("id", m.id()).addValue("user", m.userId())
                .addValue("type", m.contentType()).addValue("title", m.title()).addValue("text", m.contentText())
                .addValue("voice_id", m.voice() == null ? null : m.voice().id())
                .addValue("voice_name", m.voice() == null ? null : m.voice().name())
                .addValue("key", m.audioKey()).addValue("format", m.audioFormat()).addValue("size", m.audioSizeBytes())
                .addValue("duration", m.duration()).addValue("version", m.version()).addValue("depth", m.depth())
                .addValue("tags", m.tags().toArray(String[]::new)).addValue("structure", text(m.structure()))
                .addValue("context", text(m.context()));
    }

    /**
     * Adds a pack's item to a person's library (source {@code pack}); {@code false} if it is there already (the id is
     * derived from the person and the pack item, so a repeated grant adds nothing).
     */
    boolean insertPackItem(ContentMetadata m, UUID packItemId, Instant now) {
        MapSqlParameterSource p = params(m).addValue("created", Timestamp.from(m.createdAt()))
                .addValue("now", Timestamp.from(now)).addValue("pack", m.packId()).addValue("pack_item", packItemId);
        return jdbc.update("insert into content_item (id, user_id, content_type, title, content_text, audio_key,"
                + " audio_format, audio_size_bytes, audio_duration, version, tags, created_at, updated_at, source, pack_id,"
                + " pack_item_id) values (:id, :user, :type, :title, :text, :key, :format, :size, :duration, :version,"
                + " cast(:tags as text[]), :created, :now, 'pack', :pack, :pack_item) on conflict (id) do nothing", p) == 1;
    }

    /** Hides a pack item from its person's library (its audio belongs to the pack and stays). */
    void hide(UUID id, Instant now) {
        jdbc.update("update content_item set hidden_at = :now, updated_at = :now where id = :id",
                new MapSqlParameterSource("id", id).addValue("now", Timestamp.from(now)));
    }

    void insertVersion(UUID itemId, Version v) {
        jdbc.update("insert into content_item_version (content_item_id, version, audio_key, duration, format, size_bytes,"
                + " created_at) values (:id, :version, :key, :duration, :format, :size, :created) on conflict do nothing",
                new MapSqlParameterSource().addValue("id", itemId).addValue("version", v.version())
                        .addValue("key", v.audioKey()).addValue("duration", v.duration()).addValue("format", v.format())
                        .addValue("size", v.sizeBytes()).addValue("created", Timestamp.from(v.createdAt())));
    }

    List<Version> versions(UUID itemId) {
        return jdbc.query("select * from content_item_version where content_item_id = :id order by version",
                Map.of("id", itemId), (rs, n) -> new Version(rs.getInt("version"), rs.getString("audio_key"),
                        rs.getInt("duration"), rs.getString("format"), (Long) rs.getObject("size_bytes"),
                        instant(rs, "created_at")));
    }

    void updateTitleAndTags(UUID id, String title, List<String> tags, Instant now) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id).addValue("title", title)
                .addValue("tags", tags == null ? null : tags.toArray(String[]::new)).addValue("now", Timestamp.from(now));
        jdbc.update("update content_item set title = coalesce(:title, title),"
                + " tags = coalesce(cast(:tags as text[]), tags), edited_at = :now, updated_at = :now where id = :id", p);
    }

    void setFolder(UUID id, UUID folderId, Instant now) {
        jdbc.update("update content_item set folder_id = :folder, updated_at = :now where id = :id",
                new MapSqlParameterSource("id", id).addValue("folder", folderId).addValue("now", Timestamp.from(now)));
    }

    void setFavorite(UUID id, boolean favorite, Instant now) {
        jdbc.update("update content_item set favorited_at = case when :fav then coalesce(favorited_at, :now) else null end,"
                + " updated_at = :now where id = :id",
                new MapSqlParameterSource("id", id).addValue("fav", favorite).addValue("now", Timestamp.from(now)));
    }

    /** Counts a play: one more, and the latest start wins. Returns {@code false} when the item is gone. */
    boolean recordPlay(UUID id, UUID userId, Instant startedAt) {
        return jdbc.update("update content_item set play_count = play_count + 1,"
                + " last_played_at = greatest(coalesce(last_played_at, :started), :started) where id = :id and user_id = :user",
                new MapSqlParameterSource("id", id).addValue("user", userId).addValue("started", Timestamp.from(startedAt))) == 1;
    }

    void delete(UUID id) {
        jdbc.update("delete from content_item where id = :id", Map.of("id", id));
    }

    List<UUID> idsInFolder(UUID folderId) {
        return jdbc.queryForList("select id from content_item where folder_id = :folder", Map.of("folder", folderId), UUID.class);
    }

    List<UUID> idsOf(UUID userId) {
        return jdbc.queryForList("select id from content_item where user_id = :user", Map.of("user", userId), UUID.class);
    }

    List<String> audioKeysOf(UUID itemId) {
        List<String> keys = new ArrayList<>(jdbc.queryForList(
                "select audio_key from content_item_version where content_item_id = :id", Map.of("id", itemId), String.class));
        keys.addAll(jdbc.queryForList("select audio_key from content_item where id = :id", Map.of("id", itemId), String.class));
        return keys.stream().distinct().toList();
    }

    /**
     * Removes the versions older than {@code version} of an item and returns their audio keys (other than
     * {@code keep}), for the caller to delete from S3 once the removal commits.
     */
    List<String> removeVersionsBefore(UUID itemId, int version, String keep) {
        List<String> keys = jdbc.queryForList("delete from content_item_version where content_item_id = :id"
                + " and version < :version returning audio_key", new MapSqlParameterSource("id", itemId)
                .addValue("version", version), String.class);
        return keys.stream().filter(k -> !k.equals(keep)).distinct().toList();
    }
}
