package com.waqup.library.content;

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
class FolderRepository {

    private final NamedParameterJdbcTemplate jdbc;

    FolderRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Folder(UUID id, UUID userId, String name, long itemCount, Instant createdAt, Instant updatedAt) {
    }

    private static final String SELECT = "select f.*, (select count(*) from content_item i where i.folder_id = f.id) as item_count"
            + " from folder f";

    private static final RowMapper<Folder> MAPPER = (rs, n) -> new Folder(rs.getObject("id", UUID.class),
            rs.getObject("user_id", UUID.class), rs.getString("name"), rs.getLong("item_count"),
            ContentRepository.instant(rs, "created_at"), ContentRepository.instant(rs, "updated_at"));

    Optional<Folder> find(UUID id, UUID userId) {
        return jdbc.query(SELECT + " where f.id = :id and f.user_id = :user", Map.of("id", id, "user", userId), MAPPER)
                .stream().findFirst();
    }

    List<Folder> allOf(UUID userId) {
        return jdbc.query(SELECT + " where f.user_id = :user order by lower(f.name), f.id", Map.of("user", userId), MAPPER);
    }

    long countOf(UUID userId) {
        Long n = jdbc.queryForObject("select count(*) from folder where user_id = :user", Map.of("user", userId), Long.class);
        return n == null ? 0 : n;
    }

    boolean nameTaken(UUID userId, String name, UUID except) {
        MapSqlParameterSource p = new MapSqlParameterSource("user", userId).addValue("name", name).addValue("except", except);
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from folder where user_id = :user"
                + " and lower(name) = lower(:name) and (cast(:except as uuid) is null or id <> :except))", p, Boolean.class));
    }

    void insert(UUID id, UUID userId, String name, Instant now) {
        jdbc.update("insert into folder (id, user_id, name, created_at, updated_at) values (:id, :user, :name, :now, :now)",
                new MapSqlParameterSource("id", id).addValue("user", userId).addValue("name", name)
                        .addValue("now", Timestamp.from(now)));
    }

    boolean rename(UUID id, UUID userId, String name, Instant now) {
        return jdbc.update("update folder set name = :name, updated_at = :now where id = :id and user_id = :user",
                new MapSqlParameterSource("id", id).addValue("user", userId).addValue("name", name)
                        .addValue("now", Timestamp.from(now))) == 1;
    }

    boolean delete(UUID id, UUID userId) {
        return jdbc.update("delete from folder where id = :id and user_id = :user", Map.of("id", id, "user", userId)) == 1;
    }
}
