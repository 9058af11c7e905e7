package com.waqup.creator.profile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code creator_profile}. */
@Repository
class ProfileRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonMapper json;

    ProfileRepository(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Row(UUID id, String displayName, String bio, String avatarUrl, List<ProfileService.Link> links,
            Instant createdAt, Instant updatedAt) {
    }

    private Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("display_name"), rs.getString("bio"),
                rs.getString("avatar_url"), json.readValue(rs.getString("links"), new TypeReference<List<ProfileService.Link>>() {
                }), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    Optional<Row> find(UUID id) {
        return jdbc.query("select * from creator_profile where id = :id", Map.of("id", id), (rs, n) -> map(rs))
                .stream().findFirst();
    }

    /** Whether another creator holds this name (case-insensitively). */
    boolean nameTakenByOther(String key, UUID id) {
        Integer n = jdbc.queryForObject("select count(*) from creator_profile where display_name_key = :key and id <> :id",
                Map.of("key", key, "id", id), Integer.class);
        return n != null && n > 0;
    }

    /** Inserts or replaces the profile; the database's unique key settles a race for the same name. */
    void upsert(UUID id, String displayName, String key, String bio, String avatarUrl, List<ProfileService.Link> links,
            Instant now) {
        jdbc.update("insert into creator_profile (id, display_name, display_name_key, bio, avatar_url, links, created_at,"
                + " updated_at) values (:id, :name, :key, :bio, :avatar, cast(:links as jsonb), :now, :now)"
                + " on conflict (id) do update set display_name = excluded.display_name,"
                + " display_name_key = excluded.display_name_key, bio = excluded.bio, avatar_url = excluded.avatar_url,"
                + " links = excluded.links, updated_at = excluded.updated_at",
                new MapSqlParameterSource("id", id).addValue("name", displayName).addValue("key", key)
                        .addValue("bio", bio).addValue("avatar", avatarUrl)
                        .addValue("links", json.writeValueAsString(links)).addValue("now", Timestamp.from(now)));
    }

    int delete(UUID id) {
        return jdbc.update("delete from creator_profile where id = :id", Map.of("id", id));
    }
}
