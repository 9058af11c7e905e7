package com.waqup.reward.earning;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.waqup.common.privacy.ErasedUsers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL for {@code pack_owner}, {@code purchase_reward}, {@code payment_refund} and {@code practice_reward}. */
@Repository
class EarningRepository {

    private final JdbcTemplate jdbc;

    EarningRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Serializes the work on one payment (its purchase and its refunds may arrive at the same time). */
    void lockPayment(UUID paymentId) {
        jdbc.queryForList("select pg_advisory_xact_lock(hashtextextended(?, 0))", paymentId.toString());
    }

    /** Whether this creator's account was erased (their hash is remembered, never their id). */
    boolean erased(UUID creatorId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from erased_creator where creator_hash = ?)",
                Boolean.class, ErasedUsers.hash(creatorId)));
    }

    void upsertOwner(UUID packId, UUID creatorId) {
        jdbc.update("insert into pack_owner (pack_id, creator_id) values (?, ?) on conflict (pack_id) do update"
                + " set creator_id = excluded.creator_id", packId, creatorId);
    }

    Optional<UUID> owner(UUID packId) {
        return jdbc.queryForList("select creator_id from pack_owner where pack_id = ?", UUID.class, packId).stream().findFirst();
    }

    // ---- purchases and refunds ------------------------------------------------------------------------------

    record PurchaseReward(UUID paymentId, UUID creatorId, UUID packId, long amountMinor, long tokens, long reversed) {
    }

    boolean insertPurchase(UUID paymentId, UUID creatorId, UUID buyerId, UUID packId, long amountMinor, long tokens,
            Instant now) {
        return jdbc.update("insert into purchase_reward (payment_id, creator_id, buyer_id, pack_id, amount_minor, tokens,"
                + " created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing", paymentId, creatorId, buyerId, packId,
                amountMinor, tokens, Timestamp.from(now)) == 1;
    }

    Optional<PurchaseReward> lockPurchase(UUID paymentId) {
        return jdbc.query("select * from purchase_reward where payment_id = ? for update", (rs, n) -> new PurchaseReward(
                rs.getObject("payment_id", UUID.class), rs.getObject("creator_id", UUID.class),
                rs.getObject("pack_id", UUID.class), rs.getLong("amount_minor"), rs.getLong("tokens"),
                rs.getLong("reversed")), paymentId).stream().findFirst();
    }

    Optional<UUID> purchaseCreator(UUID paymentId) {
        return jdbc.queryForList("select creator_id from purchase_reward where payment_id = ?", UUID.class, paymentId).stream()
                .findFirst();
    }

    void addReversal(UUID paymentId, long accounted, long unrecovered) {
        jdbc.update("update purchase_reward set reversed = reversed + ?, unrecovered = unrecovered + ? where payment_id = ?",
                accounted, unrecovered, paymentId);
    }

    record Refund(UUID refundId, UUID paymentId, long amountMinor, long refundedMinor, UUID eventId) {
    }

    boolean insertRefund(Refund r, Instant now) {
        return jdbc.update("insert into payment_refund (refund_id, payment_id, amount_minor, refunded_minor, event_id, created_at)"
                + " values (?, ?, ?, ?, ?, ?) on conflict do nothing", r.refundId(), r.paymentId(), r.amountMinor(),
                r.refundedMinor(), r.eventId(), Timestamp.from(now)) == 1;
    }

    List<Refund> pendingRefunds(UUID paymentId) {
        return jdbc.query("select * from payment_refund where payment_id = ? and applied_at is null order by created_at for update",
                (rs, n) -> new Refund(rs.getObject("refund_id", UUID.class), rs.getObject("payment_id", UUID.class),
                        rs.getLong("amount_minor"), rs.getLong("refunded_minor"), rs.getObject("event_id", UUID.class)),
                paymentId);
    }

    void refundApplied(UUID refundId, Instant now) {
        jdbc.update("update payment_refund set applied_at = ? where refund_id = ?", Timestamp.from(now), refundId);
    }

    // ---- practice ---------------------------------------------------------------------------------------------

    record Practice(UUID practiceEventId, UUID eventId, UUID userId, UUID packId, LocalDate day) {
    }

    boolean insertPractice(Practice p, Instant now) {
        return jdbc.update("insert into practice_reward (practice_event_id, event_id, user_id, pack_id, day, status, created_at)"
                + " values (?, ?, ?, ?, ?, 'pending', ?) on conflict do nothing", p.practiceEventId(), p.eventId(), p.userId(),
                p.packId(), p.day(), Timestamp.from(now)) == 1;
    }

    List<Practice> lockPending(UUID packId) {
        return jdbc.query("select * from practice_reward where pack_id = ? and status = 'pending' order by created_at for update",
                (rs, n) -> new Practice(rs.getObject("practice_event_id", UUID.class), rs.getObject("event_id", UUID.class),
                        rs.getObject("user_id", UUID.class), rs.getObject("pack_id", UUID.class),
                        rs.getObject("day", LocalDate.class)), packId);
    }

    int rewardedOn(UUID userId, UUID packId, LocalDate day) {
        Integer n = jdbc.queryForObject("select count(*) from practice_reward where user_id = ? and pack_id = ? and day = ?"
                + " and status = 'rewarded'", Integer.class, userId, packId, day);
        return n == null ? 0 : n;
    }

    void settlePractice(UUID practiceEventId, String status, long tokens) {
        jdbc.update("update practice_reward set status = ?, tokens = ? where practice_event_id = ?", status, tokens,
                practiceEventId);
    }
}
