package com.waqup.library.practice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class PracticeRepository {

    private final NamedParameterJdbcTemplate jdbc;

    PracticeRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Event(UUID id, UUID userId, UUID ritualId, String contentType, String ritualTitle, Instant startedAt,
            Instant completedAt, Integer duration, UUID packId) {

        boolean completed() {
            return completedAt != null;
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static final RowMapper<Event> MAPPER = (rs, n) -> new Event(rs.getObject("id", UUID.class),
            rs.getObject("user_id", UUID.class), rs.getObject("ritual_id", UUID.class), rs.getString("content_type"),
            rs.getString("ritual_title"), instant(rs, "started_at"), instant(rs, "completed_at"),
            (Integer) rs.getObject("duration"), rs.getObject("pack_id", UUID.class));

    void insert(Event e, Instant now) {
        jdbc.update("insert into practice_event (id, user_id, ritual_id, content_type, ritual_title, started_at, created_at,"
                + " pack_id) values (:id, :user, :ritual, :type, :title, :started, :now, :pack)",
                new MapSqlParameterSource("id", e.id()).addValue("user", e.userId()).addValue("ritual", e.ritualId())
                        .addValue("type", e.contentType()).addValue("title", e.ritualTitle())
                        .addValue("started", Timestamp.from(e.startedAt())).addValue("now", Timestamp.from(now))
                        .addValue("pack", e.packId()));
    }

    /** The person's event of that item, row-locked (two completes of one event run one after the other). */
    Optional<Event> lock(UUID id, UUID userId, UUID ritualId) {
        return jdbc.query("select * from practice_event where id = :id and user_id = :user and ritual_id = :ritual for update",
                Map.of("id", id, "user", userId, "ritual", ritualId), MAPPER).stream().findFirst();
    }

    void complete(UUID id, Instant completedAt, int duration) {
        jdbc.update("update practice_event set completed_at = :completed, duration = :duration where id = :id",
                new MapSqlParameterSource("id", id).addValue("completed", Timestamp.from(completedAt))
                        .addValue("duration", duration));
    }

    private static String where(UUID ritualId, MapSqlParameterSource p) {
        return ritualId == null ? " where user_id = :user" : " where user_id = :user and ritual_id = :ritual";
    }

    long count(UUID userId, UUID ritualId) {
        MapSqlParameterSource p = new MapSqlParameterSource("user", userId).addValue("ritual", ritualId);
        Long n = jdbc.queryForObject("select count(*) from practice_event" + where(ritualId, p), p, Long.class);
        return n == null ? 0 : n;
    }

    /** Newest first by start. */
    List<Event> page(UUID userId, UUID ritualId, long offset, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("user", userId).addValue("ritual", ritualId)
                .addValue("limit", limit).addValue("offset", offset);
        return jdbc.query("select * from practice_event" + where(ritualId, p)
                + " order by started_at desc, id desc limit :limit offset :offset", p, MAPPER);
    }

    List<Event> allOf(UUID userId) {
        return jdbc.query("select * from practice_event where user_id = :user order by started_at desc, id desc",
                Map.of("user", userId), MAPPER);
    }

    record Completed(Instant startedAt, Instant completedAt, String contentType, int duration) {
    }

    List<Completed> completedOf(UUID userId) {
        return jdbc.query("select started_at, completed_at, content_type, duration from practice_event"
                + " where user_id = :user and completed_at is not null", Map.of("user", userId),
                (rs, n) -> new Completed(instant(rs, "started_at"), instant(rs, "completed_at"), rs.getString("content_type"),
                        rs.getInt("duration")));
    }
}
