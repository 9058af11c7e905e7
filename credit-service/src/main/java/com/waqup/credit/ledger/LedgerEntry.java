package com.waqup.credit.ledger;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One immutable line of the ledger. */
@Entity
@Table(name = "ledger_entry")
class LedgerEntry {

    @Id
    private UUID id;
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;
    @Column(nullable = false, updatable = false)
    private String type;
    @Column(nullable = false, updatable = false)
    private int amount;
    @Column(name = "balance_after", nullable = false, updatable = false)
    private int balanceAfter;
    @Column(name = "hold_id", updatable = false)
    private UUID holdId;
    @Column(name = "content_type", updatable = false)
    private String contentType;
    @Column(name = "content_id", updatable = false)
    private UUID contentId;
    @Column(name = "pack_id", updatable = false)
    private String packId;
    @Column(updatable = false)
    private String reason;
    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected LedgerEntry() {
    }

    LedgerEntry(UUID userId, EntryType type, int amount, int balanceAfter, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.type = type.code();
        this.amount = amount;
        this.balanceAfter = balanceAfter;
        this.createdAt = createdAt;
    }

    LedgerEntry forHold(CreditHold hold) {
        this.holdId = hold.id();
        this.contentType = hold.contentType();
        this.contentId = hold.contentId();
        return this;
    }

    LedgerEntry withPack(String packId) {
        this.packId = packId;
        return this;
    }

    LedgerEntry because(String reason) {
        this.reason = reason;
        return this;
    }

    LedgerEntry idempotentBy(String key) {
        this.idempotencyKey = key;
        return this;
    }

    UUID id() {
        return id;
    }

    UUID userId() {
        return userId;
    }

    EntryType type() {
        return EntryType.of(type);
    }

    int amount() {
        return amount;
    }

    int balanceAfter() {
        return balanceAfter;
    }

    UUID holdId() {
        return holdId;
    }

    String contentType() {
        return contentType;
    }

    UUID contentId() {
        return contentId;
    }

    String packId() {
        return packId;
    }

    String reason() {
        return reason;
    }

    Instant createdAt() {
        return createdAt;
    }
}
