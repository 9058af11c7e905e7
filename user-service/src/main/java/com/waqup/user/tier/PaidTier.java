package com.waqup.user.tier;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rate-limit tier an access token carries (docs/identity.md): {@code paid} for a person with a subscription whose
 * paid period has not ended or a paid purchase in the last {@code waqup.identity.paid-purchase-window} (30 days),
 * or whose account was set to {@code paid}; {@code free} otherwise. Decided when a token is issued, so it changes with
 * the next access token (at most 15 minutes later).
 */
@Service
public class PaidTier {

    public static final String PAID = "paid";
    public static final String FREE = "free";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration purchaseWindow;

    PaidTier(JdbcTemplate jdbc, Clock clock, @Value("${waqup.identity.paid-purchase-window:30d}") Duration purchaseWindow) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.purchaseWindow = purchaseWindow;
    }

    /** The tier for the person's next access token, from the account's own tier and their payments. */
    @Transactional(readOnly = true)
    public String tierOf(UUID userId, String accountTier) {
        if (PAID.equals(accountTier)) {
            return PAID;
        }
        Boolean paid = jdbc.queryForObject("select exists (select 1 from paid_access where user_id = ? and paid_until > ? and refunded_at is null)",
                Boolean.class, userId, Timestamp.from(clock.instant()));
        return Boolean.TRUE.equals(paid) ? PAID : FREE;
    }

    /** A paid purchase counts for the window after it. */
    @Transactional
    public void purchased(UUID userId, UUID paymentId, Instant paidAt) {
        record("purchase", paymentId, userId, paidAt.plus(purchaseWindow));
    }

    /**
     * A refunded purchase (any part of it: a refunded pack is revoked, refunded credits are reversed) no longer
     * counts. A refund that arrives before its purchase leaves the mark the purchase then finds.
     */
    @Transactional
    public void refunded(UUID userId, UUID paymentId, Instant refundedAt) {
        jdbc.update("insert into paid_access (source, reference_id, user_id, paid_until, refunded_at) values ('purchase', ?, ?, ?, ?)"
                + " on conflict (source, reference_id) do update set refunded_at = coalesce(paid_access.refunded_at,"
                + " excluded.refunded_at)", paymentId, userId, Timestamp.from(refundedAt), Timestamp.from(refundedAt));
    }

    /** A subscription counts until the latest end of a paid period known (events may arrive out of order). */
    @Transactional
    public void subscribed(UUID userId, UUID subscriptionId, Instant paidUntil) {
        record("subscription", subscriptionId, userId, paidUntil);
    }

    private void record(String source, UUID reference, UUID userId, Instant until) {
        jdbc.update("insert into paid_access (source, reference_id, user_id, paid_until) values (?, ?, ?, ?)"
                + " on conflict (source, reference_id) do update set paid_until = greatest(paid_access.paid_until,"
                + " excluded.paid_until)", source, reference, userId, Timestamp.from(until));
    }

    /** The person's rows (account export). */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> export(UUID userId) {
        return jdbc.queryForList("select source, reference_id, paid_until, refunded_at from paid_access where user_id = ? order by paid_until",
                userId);
    }

    /** Forgets the person's payments (erasure). */
    @Transactional
    public int erase(UUID userId) {
        return jdbc.update("delete from paid_access where user_id = ?", userId);
    }
}
