package com.waqup.credit.ledger;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A refund of a credit-pack purchase: how many credits it takes back, and how many were still unspent and reversed
 * (docs/credits.md). Pending until the purchase it refunds is in the ledger.
 */
@Entity
@Table(name = "purchase_refund")
class PurchaseRefund {

    @Id
    @Column(name = "refund_id")
    private UUID refundId;
    @Column(name = "payment_id", nullable = false, updatable = false)
    private UUID paymentId;
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;
    @Column(nullable = false, updatable = false)
    private int credits;
    @Column(nullable = false)
    private int reversed;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "applied_at")
    private Instant appliedAt;

    protected PurchaseRefund() {
    }

    PurchaseRefund(UUID refundId, UUID paymentId, UUID userId, int credits, Instant now) {
        this.refundId = refundId;
        this.paymentId = paymentId;
        this.userId = userId;
        this.credits = credits;
        this.createdAt = now;
    }

    void applied(int reversed, Instant now) {
        this.reversed = reversed;
        this.appliedAt = now;
    }

    UUID refundId() {
        return refundId;
    }

    UUID paymentId() {
        return paymentId;
    }

    int credits() {
        return credits;
    }

    int reversed() {
        return reversed;
    }

    boolean pending() {
        return appliedAt == null;
    }
}
