package com.waqup.catalog.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class ReviewRepository {

    private final JdbcTemplate jdbc;

    ReviewRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Review(UUID packId, UUID userId, int rating, String text, Instant createdAt, Instant updatedAt) {
    }

    Optional<Review> find(UUID packId, UUID userId) {
        return jdbc.query("select * from review where pack_id = ? and user_id = ?", rows(), packId, userId).stream().findFirst();
    }

    void insert(Review review) {
        jdbc.update("insert into review (pack_id, user_id, rating, text, created_at, updated_at) values (?, ?, ?, ?, ?, ?)",
                review.packId(), review.userId(), review.rating(), review.text(), Timestamp.from(review.createdAt()),
                Timestamp.from(review.updatedAt()));
    }

    void update(Review review) {
        jdbc.update("update review set rating = ?, text = ?, updated_at = ? where pack_id = ? and user_id = ?",
                review.rating(), review.text(), Timestamp.from(review.updatedAt()), review.packId(), review.userId());
    }

    List<Review> page(UUID packId, int limit, long offset) {
        return jdbc.query("select * from review where pack_id = ? order by updated_at desc, user_id limit ? offset ?", rows(),
                packId, limit, offset);
    }

    long count(UUID packId) {
        Long n = jdbc.queryForObject("select count(*) from review where pack_id = ?", Long.class, packId);
        return n == null ? 0 : n;
    }

    List<Review> byUser(UUID userId) {
        return jdbc.query("select * from review where user_id = ? order by updated_at", rows(), userId);
    }

    int deleteByUser(UUID userId) {
        return jdbc.update("delete from review where user_id = ?", userId);
    }

    private static RowMapper<Review> rows() {
        return (rs, n) -> new Review(rs.getObject("pack_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getInt("rating"), rs.getString("text"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
