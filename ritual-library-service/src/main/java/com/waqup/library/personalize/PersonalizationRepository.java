package com.waqup.library.personalize;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code personalization} rows, and what a personalization reads of the pack and the buyer's history (V21). */
@Repository
class PersonalizationRepository {

    private final NamedParameterJdbcTemplate jdbc;

    PersonalizationRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Row(UUID id, UUID userId, UUID sourceItemId, UUID packId, UUID packItemId, String idempotencyKey,
            String requestHash, String status, UUID contentId, UUID jobId, Integer cost, Integer estimatedTime,
            Instant createdAt) {
    }

    /** The pack item behind one item of a person's library, with the creator's current choice. */
    record PackSource(UUID packId, UUID packItemId, int revision, boolean personalizable) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getObject("source_item_id", UUID.class), rs.getObject("pack_id", UUID.class),
                rs.getObject("pack_item_id", UUID.class), rs.getString("idempotency_key"), rs.getString("request_hash"),
                rs.getString("status"), rs.getObject("content_id", UUID.class), rs.getObject("job_id", UUID.class),
                (Integer) rs.getObject("cost"), (Integer) rs.getObject("estimated_time"),
                rs.getTimestamp("created_at").toInstant());
    }

    /** Serializes the personalizations of one item by one person until the caller's transaction ends. */
    void lock(UUID userId, UUID itemId) {
        jdbc.query("select pg_advisory_xact_lock(hashtext(:key))",
                new MapSqlParameterSource("key", "personalize:" + userId + ":" + itemId), rs -> null);
    }

    /**
     * The pack item a library item is, and whether its creator lets buyers personalize it: the latest revision known
     * here that has the item decides (a creator may turn it on or off in a later revision). Empty for an own item.
     */
    Optional<PackSource> packSource(UUID userId, UUID itemId) {
        return jdbc.query("select c.pack_id, c.pack_item_id, c.version, coalesce((select v.personalizable from"
                + " pack_item_version v where v.pack_id = c.pack_id and v.item_id = c.pack_item_id order by v.revision desc"
                + " limit 1), false) as personalizable from content_item c where c.id = :id and c.user_id = :user"
                + " and c.source = 'pack' and c.pack_id is not null and c.pack_item_id is not null",
                new MapSqlParameterSource("id", itemId).addValue("user", userId),
                (rs, n) -> new PackSource(rs.getObject("pack_id", UUID.class), rs.getObject("pack_item_id", UUID.class),
                        rs.getInt("version"), rs.getBoolean("personalizable"))).stream().findFirst();
    }

    /**
     * The intent the person comes back to: the most frequent {@code intent} of their own items' confirmed slots (ties:
     * the most recent), or empty when their history has none.
     */
    Optional<String> usualIntent(UUID userId) {
        return jdbc.queryForList("select context->>'intent' as intent from content_item where user_id = :user"
                + " and source = 'own' and hidden_at is null and context->>'intent' is not null"
                + " group by context->>'intent' order by count(*) desc, max(created_at) desc limit 1",
                new MapSqlParameterSource("user", userId), String.class).stream().findFirst();
    }

    Optional<Row> byKey(UUID userId, String idempotencyKey) {
        return jdbc.query("select * from personalization where user_id = :user and idempotency_key = :key",
                new MapSqlParameterSource("user", userId).addValue("key", idempotencyKey), PersonalizationRepository::row)
                .stream().findFirst();
    }

    /** The person's latest personalization of this item still on its way, started after {@code since}. */
    Optional<Row> running(UUID userId, UUID sourceItemId, Instant since) {
        return jdbc.query("select * from personalization where user_id = :user and source_item_id = :item"
                + " and status in ('starting', 'generating') and created_at > :since order by created_at desc limit 1",
                new MapSqlParameterSource("user", userId).addValue("item", sourceItemId)
                        .addValue("since", Timestamp.from(since)), PersonalizationRepository::row).stream().findFirst();
    }

    void insert(Row r, Instant now) {
        jdbc.update("insert into personalization (id, user_id, source_item_id, pack_id, pack_item_id, idempotency_key,"
                + " request_hash, status, created_at, updated_at) values (:id, :user, :item, :pack, :pack_item, :key,"
                + " :hash, 'starting', :now, :now)", new MapSqlParameterSource("id", r.id()).addValue("user", r.userId())
                        .addValue("item", r.sourceItemId()).addValue("pack", r.packId())
                        .addValue("pack_item", r.packItemId()).addValue("key", r.idempotencyKey())
                        .addValue("hash", r.requestHash()).addValue("now", Timestamp.from(now)));
    }

    /** content-generation took it: the new item's id and the job's. A row already ready or failed keeps its status. */
    void started(UUID id, UUID contentId, UUID jobId, int cost, int estimatedTime, Instant now) {
        jdbc.update("update personalization set content_id = :content, job_id = :job, cost = :cost,"
                + " estimated_time = :estimate, status = case when status = 'starting' then 'generating' else status end,"
                + " updated_at = :now where id = :id", new MapSqlParameterSource("id", id).addValue("content", contentId)
                        .addValue("job", jobId).addValue("cost", cost).addValue("estimate", estimatedTime)
                        .addValue("now", Timestamp.from(now)));
    }

    /** Refused before anything was held (402): the row goes, as if never asked. */
    void delete(UUID id) {
        jdbc.update("delete from personalization where id = :id", new MapSqlParameterSource("id", id));
    }

    /** generation.failed of the new item: the personalization failed (its credits were released by content-generation). */
    boolean failed(UUID contentId, UUID userId, String reason, Instant now) {
        return jdbc.update("update personalization set status = 'failed', failure_reason = :reason, updated_at = :now"
                + " where content_id = :content and user_id = :user and status in ('starting', 'generating')",
                new MapSqlParameterSource("content", contentId).addValue("user", userId).addValue("reason", reason)
                        .addValue("now", Timestamp.from(now))) > 0;
    }

    Optional<String> status(UUID id) {
        return jdbc.queryForList("select status from personalization where id = :id", new MapSqlParameterSource("id", id),
                String.class).stream().findFirst();
    }
}
