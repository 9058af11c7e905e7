package com.waqup.library.revoice;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The pending (edited) scripts and the re-voices of items (V20__revoice.sql). */
@Repository
class RevoiceRepository {

    private final NamedParameterJdbcTemplate jdbc;

    RevoiceRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Running(int version, UUID jobId, Instant createdAt) {
    }

    /** Serializes script edits and re-voices of one item until the caller's transaction ends. */
    void lock(UUID itemId) {
        jdbc.query("select pg_advisory_xact_lock(hashtext(:key))", new MapSqlParameterSource("key", "revoice:" + itemId),
                rs -> null);
    }

    /** The re-voice of an item that is still on its way: above the current version, not failed, started after {@code since}. */
    Optional<Running> running(UUID itemId, int currentVersion, Instant since) {
        return jdbc.query("select version, job_id, created_at from revoice where content_item_id = :id and status = 'running'"
                + " and version > :current and created_at > :since order by version desc limit 1",
                new MapSqlParameterSource("id", itemId).addValue("current", currentVersion)
                        .addValue("since", Timestamp.from(since)),
                (rs, n) -> new Running(rs.getInt("version"), rs.getObject("job_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant())).stream().findFirst();
    }

    /** The highest version any re-voice of the item asked for (0 when none). */
    int highestVersion(UUID itemId) {
        Integer v = jdbc.queryForObject("select max(version) from revoice where content_item_id = :id",
                new MapSqlParameterSource("id", itemId), Integer.class);
        return v == null ? 0 : v;
    }

    void start(UUID itemId, int version, UUID userId, String voiceId, String pace, String segmentsJson, Instant now) {
        jdbc.update("insert into revoice (content_item_id, version, user_id, voice_id, pace, segments, status, created_at,"
                + " updated_at) values (:id, :version, :user, :voice, :pace, cast(:segments as jsonb), 'running', :now, :now)",
                new MapSqlParameterSource("id", itemId).addValue("version", version).addValue("user", userId)
                        .addValue("voice", voiceId).addValue("pace", pace).addValue("segments", segmentsJson)
                        .addValue("now", Timestamp.from(now)));
    }

    void attachJob(UUID itemId, int version, UUID jobId, Instant now) {
        jdbc.update("update revoice set job_id = :job, updated_at = :now where content_item_id = :id and version = :version",
                new MapSqlParameterSource("id", itemId).addValue("version", version).addValue("job", jobId)
                        .addValue("now", Timestamp.from(now)));
    }

    /**
     * Marks a running re-voice failed and returns the edited segments it was voicing (to give back as the pending
     * script), if it was running.
     */
    Optional<Failed> fail(UUID itemId, int version, String reason, Instant now) {
        return jdbc.query("update revoice set status = 'failed', failure_reason = :reason, updated_at = :now"
                + " where content_item_id = :id and version = :version and status = 'running'"
                + " returning user_id, segments::text as segments",
                new MapSqlParameterSource("id", itemId).addValue("version", version).addValue("reason", reason)
                        .addValue("now", Timestamp.from(now)),
                (rs, n) -> new Failed(rs.getObject("user_id", UUID.class), rs.getString("segments"))).stream().findFirst();
    }

    record Failed(UUID userId, String segmentsJson) {
    }

    /** The running re-voice a failed generation job belongs to: by its job id, or the item's one without a job yet. */
    Optional<Integer> runningVersionOf(UUID itemId, UUID jobId) {
        List<Integer> versions = jdbc.queryForList("select version from revoice where content_item_id = :id"
                + " and status = 'running' and (job_id = :job or job_id is null) order by (job_id = :job) desc nulls last,"
                + " version desc limit 1", new MapSqlParameterSource("id", itemId).addValue("job", jobId), Integer.class);
        return versions.stream().findFirst();
    }

    // ---- the pending script --------------------------------------------------------------------------------

    Optional<String> pendingScript(UUID itemId) {
        return jdbc.queryForList("select segments::text from pending_script where content_item_id = :id",
                new MapSqlParameterSource("id", itemId), String.class).stream().findFirst();
    }

    void savePendingScript(UUID itemId, UUID userId, String segmentsJson, Instant now) {
        jdbc.update("insert into pending_script (content_item_id, user_id, segments, updated_at)"
                + " values (:id, :user, cast(:segments as jsonb), :now) on conflict (content_item_id)"
                + " do update set segments = excluded.segments, updated_at = excluded.updated_at",
                new MapSqlParameterSource("id", itemId).addValue("user", userId).addValue("segments", segmentsJson)
                        .addValue("now", Timestamp.from(now)));
    }

    /** Gives a script back as pending unless the person saved a newer one meanwhile. */
    void restorePendingScript(UUID itemId, UUID userId, String segmentsJson, Instant now) {
        jdbc.update("insert into pending_script (content_item_id, user_id, segments, updated_at)"
                + " select :id, :user, cast(:segments as jsonb), :now where exists (select 1 from content_item where id = :id)"
                + " on conflict (content_item_id) do nothing",
                new MapSqlParameterSource("id", itemId).addValue("user", userId).addValue("segments", segmentsJson)
                        .addValue("now", Timestamp.from(now)));
    }

    void deletePendingScript(UUID itemId) {
        jdbc.update("delete from pending_script where content_item_id = :id", new MapSqlParameterSource("id", itemId));
    }
}
