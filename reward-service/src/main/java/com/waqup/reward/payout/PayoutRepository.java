package com.waqup.reward.payout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL for {@code payout}. */
@Repository
class PayoutRepository {

    private final JdbcTemplate jdbc;

    PayoutRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static PayoutService.Payout payout(ResultSet rs) throws SQLException {
        Timestamp resolved = rs.getTimestamp("resolved_at");
        return new PayoutService.Payout(rs.getObject("id", UUID.class), rs.getObject("creator_id", UUID.class),
                rs.getLong("amount"), rs.getString("status"), rs.getTimestamp("requested_at").toInstant(),
                resolved == null ? null : resolved.toInstant(), rs.getString("reason"));
    }

    void insert(UUID id, UUID creatorId, long amount, String idempotencyKey, Instant now) {
        jdbc.update("insert into payout (id, creator_id, amount, status, idempotency_key, requested_at) values (?, ?, ?,"
                + " 'pending', ?, ?)", id, creatorId, amount, idempotencyKey, Timestamp.from(now));
    }

    Optional<PayoutService.Payout> byKey(UUID creatorId, String idempotencyKey) {
        return jdbc.query("select * from payout where creator_id = ? and idempotency_key = ?", (rs, n) -> payout(rs), creatorId,
                idempotencyKey).stream().findFirst();
    }

    Optional<PayoutService.Payout> find(UUID id) {
        return jdbc.query("select * from payout where id = ?", (rs, n) -> payout(rs), id).stream().findFirst();
    }

    Optional<PayoutService.Payout> lock(UUID id) {
        return jdbc.query("select * from payout where id = ? for update", (rs, n) -> payout(rs), id).stream().findFirst();
    }

    void resolve(UUID id, String status, UUID by, String reason, Instant now) {
        jdbc.update("update payout set status = ?, resolved_at = ?, resolved_by = ?, reason = ? where id = ?", status,
                Timestamp.from(now), by, reason, id);
    }
}
