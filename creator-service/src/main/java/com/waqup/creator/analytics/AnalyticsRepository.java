package com.waqup.creator.analytics;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code pack_fact} (one row per claim, purchase, play, completion or rating, keyed by the event that told
 * it) and {@code pack_rating}. People are kept only as a hash, enough to count unique practitioners.
 */
@Repository
class AnalyticsRepository {

    private final NamedParameterJdbcTemplate jdbc;

    AnalyticsRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static String personHash(UUID userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("user:" + userId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void fact(UUID eventId, UUID packId, String kind, UUID userId, Integer rating, Instant at) {
        jdbc.update("insert into pack_fact (event_id, pack_id, kind, person_hash, rating, occurred_at) values (:event, :pack,"
                + " :kind, :person, :rating, :at) on conflict do nothing", new MapSqlParameterSource("event", eventId)
                        .addValue("pack", packId).addValue("kind", kind)
                        .addValue("person", userId == null ? null : personHash(userId)).addValue("rating", rating)
                        .addValue("at", Timestamp.from(at)));
    }

    /** A money or token fact: a purchase or renewal (amount paid), a refund (amount given back), a reward (tokens). */
    void moneyFact(UUID eventId, UUID packId, String kind, UUID userId, Long amountMinor, String currency, Long tokens,
            Instant at) {
        jdbc.update("insert into pack_fact (event_id, pack_id, kind, person_hash, amount_minor, currency, tokens, occurred_at)"
                + " values (:event, :pack, :kind, :person, :amount, :currency, :tokens, :at) on conflict do nothing",
                new MapSqlParameterSource("event", eventId).addValue("pack", packId).addValue("kind", kind)
                        .addValue("person", userId == null ? null : personHash(userId)).addValue("amount", amountMinor)
                        .addValue("currency", currency).addValue("tokens", tokens).addValue("at", Timestamp.from(at)));
    }

    record DayMoney(LocalDate day, long revenueMinor, long refundedMinor, long tokens) {
    }

    /** Amounts paid (purchases, renewals), refunded, and tokens earned, per UTC day in {@code [from, to]}. */
    List<DayMoney> dailyMoney(UUID packId, LocalDate from, LocalDate to) {
        return jdbc.query("select (occurred_at at time zone 'UTC')::date as day,"
                + " coalesce(sum(amount_minor) filter (where kind in ('purchase', 'renewal')), 0) as revenue,"
                + " coalesce(sum(amount_minor) filter (where kind = 'refund'), 0) as refunded,"
                + " coalesce(sum(tokens) filter (where kind = 'reward'), 0) as tokens"
                + " from pack_fact where pack_id = :pack and occurred_at >= :from and occurred_at < :to"
                + " and kind in ('purchase', 'renewal', 'refund', 'reward') group by 1", range(packId, from, to),
                (rs, n) -> new DayMoney(rs.getObject("day", LocalDate.class), rs.getLong("revenue"), rs.getLong("refunded"),
                        rs.getLong("tokens")));
    }

    Optional<String> currency(UUID packId) {
        return jdbc.queryForList("select currency from pack_fact where pack_id = :pack and currency is not null limit 1",
                Map.of("pack", packId), String.class).stream().findFirst();
    }

    /** Keeps the newest average (by the time it was rated). */
    void rating(UUID packId, BigDecimal average, int count, Instant at) {
        jdbc.update("insert into pack_rating (pack_id, average_rating, review_count, rated_at) values (:pack, :avg, :count, :at)"
                + " on conflict (pack_id) do update set average_rating = excluded.average_rating,"
                + " review_count = excluded.review_count, rated_at = excluded.rated_at"
                + " where pack_rating.rated_at <= excluded.rated_at", new MapSqlParameterSource("pack", packId)
                        .addValue("avg", average).addValue("count", count).addValue("at", Timestamp.from(at)));
    }

    record Rating(BigDecimal average, int count) {
    }

    Optional<Rating> rating(UUID packId) {
        return jdbc.query("select * from pack_rating where pack_id = :pack", Map.of("pack", packId),
                (rs, n) -> new Rating(rs.getBigDecimal("average_rating"), rs.getInt("review_count"))).stream().findFirst();
    }

    record DayCount(LocalDate day, String kind, long count) {
    }

    /** Facts per UTC day and kind in {@code [from, to]}. */
    List<DayCount> daily(UUID packId, LocalDate from, LocalDate to) {
        return jdbc.query("select (occurred_at at time zone 'UTC')::date as day, kind, count(*) as n from pack_fact"
                + " where pack_id = :pack and occurred_at >= :from and occurred_at < :to group by 1, 2",
                range(packId, from, to), (rs, n) -> new DayCount(rs.getObject("day", LocalDate.class), rs.getString("kind"),
                        rs.getLong("n")));
    }

    long uniquePractitioners(UUID packId, LocalDate from, LocalDate to) {
        Long n = jdbc.queryForObject("select count(distinct person_hash) from pack_fact where pack_id = :pack"
                + " and kind in ('play', 'completion') and occurred_at >= :from and occurred_at < :to",
                range(packId, from, to), Long.class);
        return n == null ? 0 : n;
    }

    private static MapSqlParameterSource range(UUID packId, LocalDate from, LocalDate to) {
        return new MapSqlParameterSource("pack", packId)
                .addValue("from", Timestamp.from(from.atStartOfDay().toInstant(ZoneOffset.UTC)))
                .addValue("to", Timestamp.from(to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
    }

    /** Forgets who a person was in the facts (their erasure); the counts stay. */
    int forget(UUID userId) {
        return jdbc.update("update pack_fact set person_hash = null where person_hash = :person",
                Map.of("person", personHash(userId)));
    }
}
