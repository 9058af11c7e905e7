package com.waqup.reward.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL for {@code token_account} and {@code token_entry}. */
@Repository
class TokenLedgerRepository {

    private final JdbcTemplate jdbc;

    TokenLedgerRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Account(UUID creatorId, long available, long held) {
    }

    /** Locks the creator's account row, creating it on first use. */
    Account lockOrCreate(UUID creatorId, Instant now) {
        jdbc.update("insert into token_account (creator_id, updated_at) values (?, ?) on conflict do nothing", creatorId,
                Timestamp.from(now));
        return jdbc.queryForObject("select * from token_account where creator_id = ? for update",
                (rs, n) -> new Account(creatorId, rs.getLong("available"), rs.getLong("held")), creatorId);
    }

    Optional<Account> find(UUID creatorId) {
        return jdbc.query("select * from token_account where creator_id = ?",
                (rs, n) -> new Account(creatorId, rs.getLong("available"), rs.getLong("held")), creatorId).stream().findFirst();
    }

    void setBalances(UUID creatorId, long available, long held, Instant now) {
        jdbc.update("update token_account set available = ?, held = ?, updated_at = ? where creator_id = ?", available, held,
                Timestamp.from(now), creatorId);
    }

    boolean exists(String idempotencyKey) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from token_entry where idempotency_key = ?)",
                Boolean.class, idempotencyKey));
    }

    void insert(TokenLedger.Entry e) {
        jdbc.update("insert into token_entry (id, creator_id, type, amount, balance_after, source_event_type, source_event_id,"
                + " pack_id, payment_id, payout_id, idempotency_key, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.id(), e.creatorId(), e.type(), e.amount(), e.balanceAfter(), e.sourceEventType(), e.sourceEventId(),
                e.packId(), e.paymentId(), e.payoutId(), e.idempotencyKey(), Timestamp.from(e.createdAt()));
    }

    private static TokenLedger.Entry entry(ResultSet rs) throws SQLException {
        return new TokenLedger.Entry(rs.getObject("id", UUID.class), rs.getObject("creator_id", UUID.class),
                rs.getString("type"), rs.getLong("amount"), rs.getLong("balance_after"), rs.getString("source_event_type"),
                rs.getObject("source_event_id", UUID.class), rs.getObject("pack_id", UUID.class),
                rs.getObject("payment_id", UUID.class), rs.getObject("payout_id", UUID.class), rs.getString("idempotency_key"),
                rs.getTimestamp("created_at").toInstant());
    }

    long count(UUID creatorId) {
        Long n = jdbc.queryForObject("select count(*) from token_entry where creator_id = ?", Long.class, creatorId);
        return n == null ? 0 : n;
    }

    /** Newest first (ties by id, so pages never overlap). */
    List<TokenLedger.Entry> page(UUID creatorId, long offset, int limit) {
        return jdbc.query("select * from token_entry where creator_id = ? order by created_at desc, id desc limit ? offset ?",
                (rs, n) -> entry(rs), creatorId, limit, offset);
    }

    long earned(UUID creatorId) {
        Long n = jdbc.queryForObject("select coalesce(sum(amount), 0) from token_entry where creator_id = ?"
                + " and type in ('purchase', 'renewal', 'practice', 'refund')", Long.class, creatorId);
        return n == null ? 0 : n;
    }

    long sum(UUID creatorId) {
        Long n = jdbc.queryForObject("select coalesce(sum(amount), 0) from token_entry where creator_id = ?", Long.class,
                creatorId);
        return n == null ? 0 : n;
    }
}
