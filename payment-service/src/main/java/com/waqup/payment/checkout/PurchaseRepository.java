package com.waqup.payment.checkout;

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

/** SQL for paid checkout: {@code checkout_session}, {@code webhook_event}, {@code subscription}, paid {@code payment}s, {@code refund}. */
@Repository
class PurchaseRepository {

    private final NamedParameterJdbcTemplate jdbc;

    PurchaseRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    // ---- sessions ------------------------------------------------------------------------------------------

    record Session(String id, UUID userId, String kind, UUID packId, Integer packRevision, UUID creatorId, String title,
            String creditPack, Integer credits, String priceType, String interval, long amountMinor, String currency,
            String provider, String checkoutUrl, String successUrl, String cancelUrl, String status, Instant createdAt) {
    }

    private static Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getString("id"), rs.getObject("user_id", UUID.class), rs.getString("kind"),
                rs.getObject("pack_id", UUID.class), (Integer) rs.getObject("pack_revision"),
                rs.getObject("creator_id", UUID.class), rs.getString("title"), rs.getString("credit_pack"),
                (Integer) rs.getObject("credits"), rs.getString("price_type"), rs.getString("subscription_interval"),
                rs.getLong("amount_minor"), rs.getString("currency"), rs.getString("provider"),
                rs.getString("checkout_url"), rs.getString("success_url"), rs.getString("cancel_url"),
                rs.getString("status"), instant(rs, "created_at"));
    }

    int attempts(UUID userId, String kind, UUID packId, String creditPack) {
        return jdbc.queryForObject("select count(*) from checkout_session where user_id = :user and kind = :kind"
                + " and pack_id is not distinct from :pack and credit_pack is not distinct from :credit",
                new MapSqlParameterSource("user", userId).addValue("kind", kind).addValue("pack", packId)
                        .addValue("credit", creditPack), Integer.class);
    }

    /** Stores a session once ({@code false}: the provider answered the same idempotent request again). */
    boolean insertSession(Session s, int attempt) {
        return jdbc.update("insert into checkout_session (id, user_id, kind, pack_id, pack_revision, creator_id, title,"
                + " credit_pack, credits, price_type, subscription_interval, amount_minor, currency, provider,"
                + " checkout_url, success_url, cancel_url, status, attempt, created_at) values (:id, :user, :kind, :pack,"
                + " :revision, :creator, :title, :credit, :credits, :type, :interval, :amount, :currency, :provider,"
                + " :url, :success, :cancel, 'open', :attempt, :now) on conflict (id) do nothing",
                new MapSqlParameterSource("id", s.id()).addValue("user", s.userId()).addValue("kind", s.kind())
                        .addValue("pack", s.packId()).addValue("revision", s.packRevision())
                        .addValue("creator", s.creatorId()).addValue("title", s.title())
                        .addValue("credit", s.creditPack()).addValue("credits", s.credits())
                        .addValue("type", s.priceType()).addValue("interval", s.interval())
                        .addValue("amount", s.amountMinor()).addValue("currency", s.currency())
                        .addValue("provider", s.provider()).addValue("url", s.checkoutUrl())
                        .addValue("success", s.successUrl()).addValue("cancel", s.cancelUrl())
                        .addValue("attempt", attempt).addValue("now", ts(s.createdAt()))) == 1;
    }

    Optional<Session> session(String id) {
        return jdbc.query("select * from checkout_session where id = :id", Map.of("id", id), (rs, n) -> session(rs))
                .stream().findFirst();
    }

    Optional<Session> lockSession(String id) {
        return jdbc.query("select * from checkout_session where id = :id for update", Map.of("id", id),
                (rs, n) -> session(rs)).stream().findFirst();
    }

    void closeSession(String id, String status, Instant at) {
        jdbc.update("update checkout_session set status = :status, closed_at = :at where id = :id and status = 'open'",
                new MapSqlParameterSource("id", id).addValue("status", status).addValue("at", ts(at)));
    }

    // ---- ownership -----------------------------------------------------------------------------------------

    boolean ownsOneTime(UUID userId, UUID packId) {
        return jdbc.queryForObject("select count(*) from payment where user_id = :user and pack_id = :pack"
                + " and kind = 'pack' and status = 'succeeded' and subscription_id is null",
                Map.of("user", userId, "pack", packId), Integer.class) > 0;
    }

    boolean subscribed(UUID userId, UUID packId, Instant now) {
        return jdbc.queryForObject("select count(*) from subscription where user_id = :user and pack_id = :pack"
                + " and (status = 'active' or current_period_end > :now)",
                new MapSqlParameterSource("user", userId).addValue("pack", packId).addValue("now", ts(now)), Integer.class) > 0;
    }

    // ---- payments ------------------------------------------------------------------------------------------

    record PaidPayment(UUID id, UUID userId, String kind, UUID packId, Integer packRevision, UUID creatorId,
            String creditPack, Integer credits, String priceType, long amountMinor, String currency, String provider,
            String providerReference, String sessionId, UUID subscriptionId, String paymentIntent, long refundedMinor,
            String status, Instant createdAt, Instant refundedAt) {
    }

    private static PaidPayment paid(ResultSet rs) throws SQLException {
        return new PaidPayment(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("kind"),
                rs.getObject("pack_id", UUID.class), (Integer) rs.getObject("pack_revision"),
                rs.getObject("creator_id", UUID.class), rs.getString("credit_pack"), (Integer) rs.getObject("credits"),
                rs.getString("price_type"), rs.getLong("amount_minor"), rs.getString("currency"),
                rs.getString("provider"), rs.getString("provider_reference"), rs.getString("session_id"),
                rs.getObject("subscription_id", UUID.class), rs.getString("provider_payment_intent"),
                rs.getLong("refunded_minor"), rs.getString("status"), instant(rs, "created_at"),
                instant(rs, "refunded_at"));
    }

    /** Records a paid payment once per provider object ({@code false}: already recorded, or the pack is owned). */
    boolean insertPayment(PaidPayment p) {
        return jdbc.update("insert into payment (id, user_id, kind, pack_id, pack_revision, creator_id, credit_pack, credits,"
                + " price_type, amount_minor, currency, provider, provider_reference, session_id, subscription_id,"
                + " provider_payment_intent, status, created_at) values (:id, :user, :kind, :pack, :revision, :creator,"
                + " :credit, :credits, :type, :amount, :currency, :provider, :ref, :session, :subscription, :intent,"
                + " 'succeeded', :now) on conflict do nothing",
                new MapSqlParameterSource("id", p.id()).addValue("user", p.userId()).addValue("kind", p.kind())
                        .addValue("pack", p.packId()).addValue("revision", p.packRevision())
                        .addValue("creator", p.creatorId()).addValue("credit", p.creditPack())
                        .addValue("credits", p.credits()).addValue("type", p.priceType())
                        .addValue("amount", p.amountMinor()).addValue("currency", p.currency())
                        .addValue("provider", p.provider()).addValue("ref", p.providerReference())
                        .addValue("session", p.sessionId()).addValue("subscription", p.subscriptionId())
                        .addValue("intent", p.paymentIntent()).addValue("now", ts(p.createdAt()))) == 1;
    }

    Optional<PaidPayment> paymentByReference(String provider, String reference) {
        return jdbc.query("select * from payment where provider = :provider and provider_reference = :ref",
                Map.of("provider", provider, "ref", reference), (rs, n) -> paid(rs)).stream().findFirst();
    }

    Optional<PaidPayment> lockPaymentByIntent(String intent) {
        return jdbc.query("select * from payment where provider_payment_intent = :intent order by created_at limit 1 for update",
                Map.of("intent", intent), (rs, n) -> paid(rs)).stream().findFirst();
    }

    Optional<PaidPayment> payment(UUID id) {
        return jdbc.query("select * from payment where id = :id", Map.of("id", id), (rs, n) -> paid(rs)).stream().findFirst();
    }

    /** The first payment of a subscription learns its payment intent from the subscription's first invoice. */
    void setFirstPaymentIntent(UUID subscriptionId, String intent) {
        jdbc.update("update payment set provider_payment_intent = :intent where subscription_id = :sub"
                + " and provider_payment_intent is null and session_id is not null",
                new MapSqlParameterSource("sub", subscriptionId).addValue("intent", intent));
    }

    void refunded(UUID paymentId, long refundedTotal, boolean full, Instant at) {
        jdbc.update("update payment set refunded_minor = :total, status = :status, refunded_at = :at where id = :id",
                new MapSqlParameterSource("id", paymentId).addValue("total", refundedTotal)
                        .addValue("status", full ? "refunded" : "partially_refunded").addValue("at", ts(at)));
    }

    boolean insertRefund(UUID id, UUID paymentId, String providerKey, long amount, Instant at) {
        return jdbc.update("insert into refund (id, payment_id, provider_key, amount_minor, created_at) values (:id,"
                + " :payment, :key, :amount, :at) on conflict (provider_key) do nothing",
                new MapSqlParameterSource("id", id).addValue("payment", paymentId).addValue("key", providerKey)
                        .addValue("amount", amount).addValue("at", ts(at))) == 1;
    }

    long countPayments(UUID userId) {
        return jdbc.queryForObject("select count(*) from payment where user_id = :user", Map.of("user", userId), Long.class);
    }

    List<PaidPayment> payments(UUID userId, int limit, long offset) {
        return jdbc.query("select * from payment where user_id = :user order by created_at desc, id limit :limit offset :offset",
                new MapSqlParameterSource("user", userId).addValue("limit", limit).addValue("offset", offset),
                (rs, n) -> paid(rs));
    }

    // ---- subscriptions -------------------------------------------------------------------------------------

    record Subscription(UUID id, UUID userId, UUID packId, UUID creatorId, String provider, String providerId,
            String interval, long amountMinor, String currency, String status, Instant currentPeriodEnd,
            Instant createdAt, Instant endedAt) {
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        return new Subscription(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getObject("pack_id", UUID.class), rs.getObject("creator_id", UUID.class), rs.getString("provider"),
                rs.getString("provider_subscription_id"), rs.getString("subscription_interval"),
                rs.getLong("amount_minor"), rs.getString("currency"), rs.getString("status"),
                instant(rs, "current_period_end"), instant(rs, "created_at"), instant(rs, "ended_at"));
    }

    boolean insertSubscription(Subscription s) {
        return jdbc.update("insert into subscription (id, user_id, pack_id, creator_id, provider, provider_subscription_id,"
                + " subscription_interval, amount_minor, currency, status, current_period_end, created_at) values (:id,"
                + " :user, :pack, :creator, :provider, :ref, :interval, :amount, :currency, 'active', :end, :now)"
                + " on conflict (provider_subscription_id) do nothing",
                new MapSqlParameterSource("id", s.id()).addValue("user", s.userId()).addValue("pack", s.packId())
                        .addValue("creator", s.creatorId()).addValue("provider", s.provider())
                        .addValue("ref", s.providerId()).addValue("interval", s.interval())
                        .addValue("amount", s.amountMinor()).addValue("currency", s.currency())
                        .addValue("end", ts(s.currentPeriodEnd())).addValue("now", ts(s.createdAt()))) == 1;
    }

    Optional<Subscription> lockSubscription(String providerId) {
        return jdbc.query("select * from subscription where provider_subscription_id = :ref for update",
                Map.of("ref", providerId), (rs, n) -> subscription(rs)).stream().findFirst();
    }

    Optional<Subscription> subscription(UUID id) {
        return jdbc.query("select * from subscription where id = :id", Map.of("id", id), (rs, n) -> subscription(rs))
                .stream().findFirst();
    }

    List<Subscription> subscriptionsOf(UUID userId) {
        return jdbc.query("select * from subscription where user_id = :user order by created_at", Map.of("user", userId),
                (rs, n) -> subscription(rs));
    }

    void extend(UUID id, Instant periodEnd) {
        jdbc.update("update subscription set current_period_end = greatest(current_period_end, :end) where id = :id",
                new MapSqlParameterSource("id", id).addValue("end", ts(periodEnd)));
    }

    void end(UUID id, Instant accessUntil, Instant at) {
        jdbc.update("update subscription set status = 'ended', ended_at = :at,"
                + " current_period_end = greatest(current_period_end, :until) where id = :id",
                new MapSqlParameterSource("id", id).addValue("until", ts(accessUntil)).addValue("at", ts(at)));
    }

    // ---- webhook events ------------------------------------------------------------------------------------

    /** Stores an event once by its id ({@code false}: seen before). */
    boolean insertEvent(String id, String type, String payload, Instant now) {
        return jdbc.update("insert into webhook_event (id, type, payload, received_at, next_attempt_at) values (:id, :type,"
                + " :payload, :now, :now) on conflict (id) do nothing",
                new MapSqlParameterSource("id", id).addValue("type", type).addValue("payload", payload)
                        .addValue("now", ts(now))) == 1;
    }

    record StoredEvent(String id, String type, String payload, int attempts) {
    }

    /**
     * Locks the unhandled event due longest (new events are due when received; the partial index on next_attempt_at
     * serves the order), for its handling transaction; events other workers hold are
     * skipped, so concurrent workers each get a different one (empty: nothing due that nobody holds).
     */
    Optional<StoredEvent> claimNextDue(Instant now) {
        return jdbc.query("select id, type, payload, attempts from webhook_event where handled_at is null"
                + " and next_attempt_at <= :now order by next_attempt_at limit 1 for update skip locked",
                Map.of("now", ts(now)), (rs, n) -> new StoredEvent(rs.getString("id"), rs.getString("type"),
                        rs.getString("payload"), rs.getInt("attempts"))).stream().findFirst();
    }

    void handled(String id, Instant at) {
        jdbc.update("update webhook_event set handled_at = :at, last_error = null where id = :id",
                new MapSqlParameterSource("id", id).addValue("at", ts(at)));
    }

    void failed(String id, Instant next, String error) {
        jdbc.update("update webhook_event set attempts = attempts + 1, next_attempt_at = :next, last_error = :error"
                + " where id = :id and handled_at is null", new MapSqlParameterSource("id", id)
                        .addValue("next", ts(next)).addValue("error", error));
    }

    // ---- erasure -------------------------------------------------------------------------------------------

    /** Keeps amounts and dates for the accounts with a hashed person id; forgets everything else about the person. */
    int anonymize(UUID userId, String personHash) {
        MapSqlParameterSource p = new MapSqlParameterSource("user", userId).addValue("hash", personHash);
        int rows = jdbc.update("update payment set user_id = null, person_hash = :hash where user_id = :user", p);
        rows += jdbc.update("update subscription set user_id = null, person_hash = :hash where user_id = :user", p);
        rows += jdbc.update("delete from checkout_session where user_id = :user", p);
        rows += jdbc.update("update webhook_event set payload = null where handled_at is not null and payload like :like",
                new MapSqlParameterSource("like", "%" + userId + "%"));
        return rows;
    }
}
