package com.waqup.reward.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.outbox.IntegrationEvents;
import com.waqup.common.paging.PageQuery;
import com.waqup.common.paging.Pagination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The creators' token ledger (docs/rewards.md): append-only entries, one account row per creator holding
 * {@code available} (= Σ entries, never negative) and {@code held} (pending payouts). Every command locks the account
 * row first and is idempotent by its entry's key; earnings and their reversals publish {@code reward.earned}.
 */
@Service
public class TokenLedger {

    private static final Logger log = LoggerFactory.getLogger(TokenLedger.class);

    public static final String PURCHASE = "purchase";
    public static final String RENEWAL = "renewal";
    public static final String PRACTICE = "practice";
    public static final String REFUND = "refund";
    static final String PAYOUT = "payout";
    static final String PAYOUT_RELEASE = "payout_release";
    static final String PAYOUT_PAID = "payout_paid";

    private final TokenLedgerRepository ledger;
    private final IntegrationEvents events;
    private final Clock clock;

    TokenLedger(TokenLedgerRepository ledger, IntegrationEvents events, Clock clock) {
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    /** One ledger entry; {@code amount} is its effect on the available tokens. */
    public record Entry(UUID id, UUID creatorId, String type, long amount, long balanceAfter, String sourceEventType,
            UUID sourceEventId, UUID packId, UUID paymentId, UUID payoutId, String idempotencyKey, Instant createdAt) {
    }

    /** What caused an entry: the event (type and id) and what it was about. */
    public record Source(String eventType, UUID eventId, UUID packId, UUID paymentId) {
    }

    public record Balance(long balance, long pendingPayouts, long totalEarned) {
    }

    public record SourceEvent(String type, UUID id) {
    }

    public record HistoryItem(UUID id, String type, long amount, long balanceAfter, SourceEvent sourceEvent, UUID packId,
            UUID paymentId, UUID payoutId, Instant createdAt) {
    }

    public record History(List<HistoryItem> entries, Pagination pagination) {
    }

    @Transactional(readOnly = true)
    public Balance balance(UUID creatorId) {
        TokenLedgerRepository.Account account = ledger.find(creatorId).orElse(new TokenLedgerRepository.Account(creatorId, 0, 0));
        return new Balance(account.available(), account.held(), ledger.earned(creatorId));
    }

    @Transactional(readOnly = true)
    public History history(UUID creatorId, PageQuery page) {
        long total = ledger.count(creatorId);
        List<HistoryItem> items = total == 0 || page.offset() >= total ? List.of()
                : ledger.page(creatorId, page.offset(), page.limit()).stream().map(e -> new HistoryItem(e.id(), e.type(),
                        e.amount(), e.balanceAfter(), e.sourceEventType() == null ? null
                                : new SourceEvent(e.sourceEventType(), e.sourceEventId()), e.packId(), e.paymentId(),
                        e.payoutId(), e.createdAt())).toList();
        return new History(items, Pagination.of(page, total));
    }

    /** Serializes the caller's work on this creator's tokens with every other command (the account row lock). */
    @Transactional
    public void lockCreator(UUID creatorId) {
        ledger.lockOrCreate(creatorId, clock.instant());
    }

    /** Adds earned tokens once per key; {@code false} if the key was used already (or there is nothing to add). */
    @Transactional
    public boolean earn(UUID creatorId, String type, long tokens, String key, Source source) {
        if (!List.of(PURCHASE, RENEWAL, PRACTICE).contains(type)) {
            throw new IllegalArgumentException("not an earning: " + type);
        }
        TokenLedgerRepository.Account account = ledger.lockOrCreate(creatorId, clock.instant());
        if (tokens <= 0 || ledger.exists(key)) {
            return false;
        }
        append(account, type, tokens, key, source, null);
        return true;
    }

    /**
     * Takes back up to {@code tokens} earned tokens once per key, never below zero: returns how many were taken (what
     * was paid out or is held for a payout is not taken back, docs/rewards.md).
     */
    @Transactional
    public long reverse(UUID creatorId, long tokens, String key, Source source) {
        TokenLedgerRepository.Account account = ledger.lockOrCreate(creatorId, clock.instant());
        if (tokens <= 0 || ledger.exists(key)) {
            return 0;
        }
        long taken = Math.min(tokens, account.available());
        if (taken > 0) {
            append(account, REFUND, -taken, key, source, null);
        }
        return taken;
    }

    /** Holds tokens for a payout request: 402 {@code INSUFFICIENT_TOKENS} beyond the available balance. */
    @Transactional
    public void hold(UUID creatorId, long amount, UUID payoutId) {
        TokenLedgerRepository.Account account = ledger.lockOrCreate(creatorId, clock.instant());
        if (amount > account.available()) {
            throw new DomainException(ErrorKind.INSUFFICIENT_FUNDS, "INSUFFICIENT_TOKENS",
                    "Not enough tokens: " + amount + " requested, " + account.available() + " available",
                    Map.of("requested", amount, "available", account.available()));
        }
        append(account, PAYOUT, -amount, "payout:" + payoutId, null, payoutId);
    }

    /** A rejected payout gives its tokens back. */
    @Transactional
    public void release(UUID creatorId, long amount, UUID payoutId) {
        TokenLedgerRepository.Account account = ledger.lockOrCreate(creatorId, clock.instant());
        if (!ledger.exists("payout-release:" + payoutId)) {
            append(account, PAYOUT_RELEASE, amount, "payout-release:" + payoutId, null, payoutId);
        }
    }

    /** A paid payout: its held tokens are gone for good. */
    @Transactional
    public void paid(UUID creatorId, long amount, UUID payoutId) {
        TokenLedgerRepository.Account account = ledger.lockOrCreate(creatorId, clock.instant());
        if (!ledger.exists("payout-paid:" + payoutId)) {
            Instant now = clock.instant();
            ledger.insert(new Entry(UUID.randomUUID(), creatorId, PAYOUT_PAID, 0, account.available(), null, null, null, null,
                    payoutId, "payout-paid:" + payoutId, now));
            ledger.setBalances(creatorId, account.available(), account.held() - amount, now);
        }
    }

    private void append(TokenLedgerRepository.Account account, String type, long amount, String key, Source source,
            UUID payoutId) {
        Instant now = clock.instant();
        long available = account.available() + amount;
        long held = account.held();
        if (PAYOUT.equals(type)) {
            held += -amount;
        } else if (PAYOUT_RELEASE.equals(type)) {
            held -= amount;
        }
        Entry entry = new Entry(UUID.randomUUID(), account.creatorId(), type, amount, available,
                source == null ? null : source.eventType(), source == null ? null : source.eventId(),
                source == null ? null : source.packId(), source == null ? null : source.paymentId(), payoutId, key, now);
        ledger.insert(entry);
        ledger.setBalances(account.creatorId(), available, held, now);
        if (source != null) {
            events.publish(TokenEarned.TYPE, new TokenEarned(entry.id(), account.creatorId(), source.packId(), type, amount,
                    source.paymentId(), source.eventId(), source.eventType(), now));
        }
        log.info("creator {}: {} {} tokens ({}), available {}", account.creatorId(), type, amount, key, available);
    }

    /** For invariant checks (tests): the sum of the creator's entries. */
    @Transactional(readOnly = true)
    public long entrySum(UUID creatorId) {
        return ledger.sum(creatorId);
    }
}
