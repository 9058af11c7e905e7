package com.waqup.credit.ledger;

import java.time.Instant;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Credits reserved for one generation job: open, then captured (success) or released (failure, expiry). */
@Entity
@Table(name = "credit_hold")
class CreditHold {

    static final String OPEN = "open";
    static final String CAPTURED = "captured";
    static final String RELEASED = "released";

    @Id
    private UUID id;
    @Column(name = "job_id", nullable = false, updatable = false)
    private UUID jobId;
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;
    @Column(nullable = false, updatable = false)
    private int amount;
    @Column(nullable = false)
    private String status;
    @Column(name = "content_type", updatable = false)
    private String contentType;
    @Column(name = "content_id", updatable = false)
    private UUID contentId;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "release_reason")
    private String releaseReason;
    @Column(nullable = false)
    private boolean refunded;

    protected CreditHold() {
    }

    static CreditHold open(UUID jobId, UUID userId, int amount, String contentType, UUID contentId, Instant now,
            Instant expiresAt) {
        CreditHold hold = new CreditHold();
        hold.id = UUID.randomUUID();
        hold.jobId = jobId;
        hold.userId = userId;
        hold.amount = amount;
        hold.status = OPEN;
        hold.contentType = contentType;
        hold.contentId = contentId;
        hold.createdAt = now;
        hold.expiresAt = expiresAt;
        return hold;
    }

    /** Turns the reservation into a consumption; refused for a released hold. Returns false if already captured. */
    boolean capture(Instant now) {
        if (CAPTURED.equals(status)) {
            return false;
        }
        if (RELEASED.equals(status)) {
            throw new DomainException(ErrorKind.CONFLICT, "HOLD_ALREADY_RELEASED",
                    "The credits of this job were already released (" + releaseReason + ")");
        }
        status = CAPTURED;
        resolvedAt = now;
        return true;
    }

    /** Gives the reserved credits back; refused for a captured hold. Returns false if already released. */
    boolean release(String reason, Instant now) {
        if (RELEASED.equals(status)) {
            return false;
        }
        if (CAPTURED.equals(status)) {
            throw new DomainException(ErrorKind.CONFLICT, "HOLD_ALREADY_CAPTURED",
                    "The credits of this job were already consumed; use a refund");
        }
        status = RELEASED;
        resolvedAt = now;
        releaseReason = reason;
        return true;
    }

    /** Marks a captured hold refunded; returns false if it already was. */
    boolean refund() {
        if (!CAPTURED.equals(status)) {
            throw new DomainException(ErrorKind.CONFLICT, "HOLD_NOT_CAPTURED", "Only consumed credits can be refunded");
        }
        if (refunded) {
            return false;
        }
        refunded = true;
        return true;
    }

    boolean expiredAt(Instant now) {
        return OPEN.equals(status) && !expiresAt.isAfter(now);
    }

    UUID id() {
        return id;
    }

    UUID jobId() {
        return jobId;
    }

    UUID userId() {
        return userId;
    }

    int amount() {
        return amount;
    }

    String status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    UUID contentId() {
        return contentId;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    String releaseReason() {
        return releaseReason;
    }

    boolean refunded() {
        return refunded;
    }
}
