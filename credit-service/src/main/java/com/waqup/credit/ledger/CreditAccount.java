package com.waqup.credit.ledger;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person's credits. Always loaded with a row lock before it changes, so its invariants hold under any
 * concurrency: {@code available} (what can be spent) never goes below zero, {@code held} is what open holds
 * reserve, and every change writes exactly one ledger entry whose amount is the change of {@code available}.
 */
@Entity
@Table(name = "credit_account")
class CreditAccount {

    @Id
    @Column(name = "user_id")
    private UUID userId;
    @Column(nullable = false)
    private int available;
    @Column(nullable = false)
    private int held;
    @Column(name = "free_tier_granted", nullable = false)
    private boolean freeTierGranted;
    @Column(name = "free_tier_used", nullable = false)
    private boolean freeTierUsed;
    @Column(name = "last_entry_at")
    private Instant lastEntryAt;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CreditAccount() {
    }

    /** Adds credits: a grant, a purchase, a refund of consumed credits, or a positive adjustment. */
    LedgerEntry add(EntryType type, int amount, Instant now) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        return record(type, amount, now);
    }

    /** Marks the free-tier grant as given (once per person, whatever the number of events). */
    boolean takeFreeTier() {
        if (freeTierGranted) {
            return false;
        }
        freeTierGranted = true;
        return true;
    }

    LedgerEntry hold(CreditHold hold, Instant now) {
        if (available < hold.amount()) {
            throw insufficient(hold.amount());
        }
        held += hold.amount();
        return record(EntryType.HOLD, -hold.amount(), now).forHold(hold);
    }

    LedgerEntry capture(CreditHold hold, Instant now) {
        held -= hold.amount();
        if (freeTierGranted) {
            freeTierUsed = true;
        }
        return record(EntryType.CAPTURE, 0, now).forHold(hold);
    }

    LedgerEntry release(CreditHold hold, String reason, Instant now) {
        held -= hold.amount();
        return record(EntryType.RELEASE, hold.amount(), now).forHold(hold).because(reason);
    }

    LedgerEntry adjust(int delta, String reason, Instant now) {
        if (available + delta < 0) {
            throw insufficient(-delta);
        }
        return record(EntryType.ADJUSTMENT, delta, now).because(reason);
    }

    private LedgerEntry record(EntryType type, int amount, Instant now) {
        available += amount;
        lastEntryAt = now;
        return new LedgerEntry(userId, type, amount, available, now);
    }

    DomainException insufficient(int required) {
        return new DomainException(ErrorKind.INSUFFICIENT_FUNDS, "INSUFFICIENT_CREDITS",
                "Not enough credits: " + required + " needed, " + available + " available",
                Map.of("required", required, "available", available));
    }

    UUID userId() {
        return userId;
    }

    int available() {
        return available;
    }

    int held() {
        return held;
    }

    boolean freeTierUsed() {
        return freeTierUsed;
    }

    Instant lastEntryAt() {
        return lastEntryAt;
    }
}
