package com.waqup.credit.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.outbox.IntegrationEvents;
import com.waqup.common.paging.PageQuery;
import com.waqup.credit.config.CreditProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every use case that reads or moves credits. Each value-moving command runs in one transaction that first
 * row-locks the person's account, so commands for one person run one after the other and the account's
 * invariants are checked on current data; every command is idempotent by its key (job id, payment event,
 * idempotency key), and every change publishes {@code credit.balance_changed} through the outbox.
 */
@Service
public class LedgerService {

    private static final Logger log = LoggerFactory.getLogger(LedgerService.class);

    private final CreditAccountRepository accounts;
    private final CreditHoldRepository holds;
    private final LedgerEntryRepository entries;
    private final PurchaseRefundRepository refunds;
    private final IntegrationEvents events;
    private final CreditProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    LedgerService(CreditAccountRepository accounts, CreditHoldRepository holds, LedgerEntryRepository entries,
            PurchaseRefundRepository refunds, IntegrationEvents events, CreditProperties properties, TransactionTemplate tx,
            Clock clock) {
        this.accounts = accounts;
        this.holds = holds;
        this.entries = entries;
        this.refunds = refunds;
        this.events = events;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    public record Balance(int available, int held, boolean freeTierUsed, Instant lastTransactionAt) {
    }

    public record HoldView(UUID holdId, UUID jobId, UUID userId, int amount, String status, Instant expiresAt,
            String releaseReason, int available) {
    }

    public record Transaction(UUID id, String type, int amount, int balanceAfter, String status, UUID ritualId,
            String contentType, String packId, String reason, Instant createdAt) {
    }

    @Transactional(readOnly = true)
    public Balance balance(UUID userId) {
        return accounts.findById(userId)
                .map(a -> new Balance(a.available(), a.held(), a.freeTierUsed(), a.lastEntryAt()))
                .orElse(new Balance(0, 0, false, null));
    }

    /** The credits a creation of this content type costs, or empty for an unknown type. */
    public Optional<Integer> costOf(String contentType) {
        return Optional.ofNullable(properties.costOf(contentType));
    }

    // ---- holds ----------------------------------------------------------------------------------------

    /**
     * Reserves credits for a generation job. The same job never holds twice: repeating the call returns the
     * existing hold, whatever its state. Short of credits: 402 {@code INSUFFICIENT_CREDITS}, nothing changes.
     */
    @Transactional
    public HoldView placeHold(UUID jobId, UUID userId, int amount, String contentType, UUID contentId) {
        if (amount <= 0) {
            throw DomainException.invalidField("amount", "must be positive");
        }
        CreditAccount account = lockOrCreate(userId);
        var existing = holds.findByJobId(jobId);
        if (existing.isPresent()) {
            CreditHold hold = existing.get();
            if (!hold.userId().equals(userId) || hold.amount() != amount) {
                throw new DomainException(ErrorKind.CONFLICT, "IDEMPOTENCY_CONFLICT",
                        "This job already holds credits with different parameters");
            }
            return view(hold, account);
        }
        Instant now = clock.instant();
        CreditHold hold = CreditHold.open(jobId, userId, amount, contentType, contentId, now, now.plus(properties.holdTtl()));
        LedgerEntry entry = account.hold(hold, now);
        holds.save(hold);
        entries.save(entry);
        changed(account, entry);
        return view(hold, account);
    }

    /** The job succeeded: the reservation becomes a consumption. Idempotent; refused for a released hold. */
    @Transactional
    public HoldView capture(UUID jobId) {
        CreditAccount account = lock(holds.findOwnerByJobId(jobId).orElseThrow(LedgerService::holdNotFound));
        CreditHold hold = holds.lockByJobId(jobId).orElseThrow(LedgerService::holdNotFound);
        Instant now = clock.instant();
        if (hold.capture(now)) {
            LedgerEntry entry = account.capture(hold, now);
            entries.save(entry);
            changed(account, entry);
        }
        return view(hold, account);
    }

    /** The job failed (or the hold expired): the credits come back. Idempotent; refused for a captured hold. */
    @Transactional
    public HoldView release(UUID jobId, String reason) {
        CreditAccount account = lock(holds.findOwnerByJobId(jobId).orElseThrow(LedgerService::holdNotFound));
        CreditHold hold = holds.lockByJobId(jobId).orElseThrow(LedgerService::holdNotFound);
        releaseLocked(account, hold, reason);
        return view(hold, account);
    }

    @Transactional(readOnly = true)
    public HoldView hold(UUID jobId) {
        CreditHold hold = holds.findByJobId(jobId).orElseThrow(LedgerService::holdNotFound);
        return view(hold, accounts.findById(hold.userId()).orElseThrow());
    }

    private void releaseLocked(CreditAccount account, CreditHold hold, String reason) {
        Instant now = clock.instant();
        if (hold.release(reason, now)) {
            LedgerEntry entry = account.release(hold, reason, now);
            entries.save(entry);
            changed(account, entry);
        }
    }

    /**
     * Releases holds that stayed open past their time (a generation that never finished, a crashed service),
     * with reason {@code expired}. Safe with several instances: each hold is released under its account's row
     * lock after re-reading it, so exactly once; an account locked by live traffic is skipped until next time.
     *
     * @return how many holds this run released
     */
    public int releaseExpiredHolds() {
        Instant now = clock.instant();
        int released = 0;
        for (UUID jobId : holds.findExpiredJobIds(now, Limit.of(200))) {
            Boolean done = tx.execute(status -> {
                UUID owner = holds.findOwnerByJobId(jobId).orElse(null);
                if (owner == null) {
                    return false;
                }
                return accounts.lockIfFree(owner).map(account -> {
                    CreditHold hold = holds.lockByJobId(jobId).orElseThrow();
                    if (!hold.expiredAt(clock.instant())) {
                        return false; // captured or released meanwhile
                    }
                    releaseLocked(account, hold, "expired");
                    return true;
                }).orElse(false);
            });
            if (Boolean.TRUE.equals(done)) {
                released++;
            }
        }
        if (released > 0) {
            log.info("released {} expired hold(s)", released);
        }
        return released;
    }

    // ---- credits in --------------------------------------------------------------------------------------

    /** Adds credits once per idempotency key (a payment event id, an admin action id…). */
    @Transactional
    Balance grant(UUID userId, int amount, EntryType type, String packId, String reason, String idempotencyKey) {
        CreditAccount account = lockOrCreate(userId);
        if (!entries.existsByIdempotencyKey(idempotencyKey)) {
            LedgerEntry entry = account.add(type, amount, clock.instant()).withPack(packId).because(reason)
                    .idempotentBy(idempotencyKey);
            entries.save(entry);
            changed(account, entry);
        }
        return new Balance(account.available(), account.held(), account.freeTierUsed(), account.lastEntryAt());
    }

    public record GrantResult(boolean applied, Balance balance) {
    }

    /**
     * An operator's grant (a one-off process, never the API): one {@code grant} entry with the reason, once per
     * idempotency key; {@code applied} is false when the key was already used.
     */
    @Transactional
    public GrantResult operatorGrant(UUID userId, int amount, String reason, String idempotencyKey) {
        if (amount <= 0) {
            throw DomainException.invalidField("amount", "must be positive");
        }
        boolean fresh = !entries.existsByIdempotencyKey(idempotencyKey);
        Balance balance = grant(userId, amount, EntryType.GRANT, null, reason, idempotencyKey);
        return new GrantResult(fresh, balance);
    }

    /** Credits bought as a pack, once per payment event. */
    @Transactional
    public Balance purchase(UUID userId, int credits, String packId, String idempotencyKey) {
        return grant(userId, credits, EntryType.PURCHASE, packId, "pack " + packId, idempotencyKey);
    }

    /**
     * Credits bought through payment-service ({@code payment.succeeded} of kind {@code credit_pack}): one
     * {@code purchase} entry per payment, whatever the number of deliveries. A refund of this payment that arrived
     * first is applied right after.
     */
    @Transactional
    public Balance purchaseFromPayment(UUID userId, int credits, String packId, UUID paymentId) {
        Balance balance = purchase(userId, credits, packId, purchaseKey(paymentId));
        for (PurchaseRefund pending : refunds.findByPaymentIdAndAppliedAtIsNull(paymentId)) {
            balance = applyRefund(lock(userId), pending);
        }
        return balance;
    }

    private static String purchaseKey(UUID paymentId) {
        return "purchase:" + paymentId;
    }

    /**
     * A refund of a credit-pack purchase ({@code payment.refunded}): takes back {@code credits × refunded / amount}
     * (rounded down; all of them for a full refund), but only what is unspent, so the balance never goes negative
     * (docs/credits.md: credits already spent stay spent). Once per refund; a refund that overtakes its purchase waits
     * for it.
     */
    @Transactional
    public Balance refundPurchase(UUID userId, UUID paymentId, UUID refundId, int credits, long amountMinor,
            long refundedMinor) {
        CreditAccount account = lockOrCreate(userId);
        if (refunds.existsById(refundId)) {
            return new Balance(account.available(), account.held(), account.freeTierUsed(), account.lastEntryAt());
        }
        int covered = amountMinor <= 0 || refundedMinor >= amountMinor ? credits
                : (int) Math.max(0, Math.min(credits, credits * refundedMinor / amountMinor));
        PurchaseRefund refund = refunds.save(new PurchaseRefund(refundId, paymentId, userId, covered, clock.instant()));
        if (!entries.existsByIdempotencyKey(purchaseKey(paymentId))) {
            log.info("refund {} of payment {} waits for its purchase", refundId, paymentId);
            return new Balance(account.available(), account.held(), account.freeTierUsed(), account.lastEntryAt());
        }
        return applyRefund(account, refund);
    }

    private Balance applyRefund(CreditAccount account, PurchaseRefund refund) {
        int reversed = Math.min(refund.credits(), account.available());
        if (reversed > 0) {
            LedgerEntry entry = account.adjust(-reversed, "refund of payment " + refund.paymentId() + ": " + reversed + " of "
                    + refund.credits() + " credit(s) reversed", clock.instant()).idempotentBy("purchase-refund:" + refund.refundId());
            entries.save(entry);
            changed(account, entry);
        }
        refund.applied(reversed, clock.instant());
        if (reversed < refund.credits()) {
            log.info("refund {} of payment {}: {} credit(s) already spent stay spent", refund.refundId(), refund.paymentId(),
                    refund.credits() - reversed);
        }
        return new Balance(account.available(), account.held(), account.freeTierUsed(), account.lastEntryAt());
    }

    /** The free-tier credit(s), once per person however often registration is reported. */
    @Transactional
    public boolean grantFreeTier(UUID userId) {
        CreditAccount account = lockOrCreate(userId);
        if (!account.takeFreeTier() || properties.freeTierCredits() == 0) {
            return false;
        }
        LedgerEntry entry = account.add(EntryType.GRANT, properties.freeTierCredits(), clock.instant())
                .because("free_tier").idempotentBy("free-tier:" + userId);
        entries.save(entry);
        changed(account, entry);
        return true;
    }

    /** Gives consumed credits of a job back (admin decision or payment refund), once per job. */
    @Transactional
    public Balance refundCaptured(UUID jobId, String reason) {
        CreditAccount account = lock(holds.findOwnerByJobId(jobId).orElseThrow(LedgerService::holdNotFound));
        CreditHold hold = holds.lockByJobId(jobId).orElseThrow(LedgerService::holdNotFound);
        if (hold.refund()) {
            LedgerEntry entry = account.add(EntryType.REFUND, hold.amount(), clock.instant()).forHold(hold).because(reason)
                    .idempotentBy("refund:" + jobId);
            entries.save(entry);
            changed(account, entry);
        }
        return new Balance(account.available(), account.held(), account.freeTierUsed(), account.lastEntryAt());
    }

    /** An operator's correction in either direction, once per idempotency key; never below zero. */
    @Transactional
    public Balance adjust(UUID userId, int delta, String reason, String idempotencyKey) {
        CreditAccount account = lockOrCreate(userId);
        if (!entries.existsByIdempotencyKey(idempotencyKey)) {
            LedgerEntry entry = account.adjust(delta, reason, clock.instant()).idempotentBy(idempotencyKey);
            entries.save(entry);
            changed(account, entry);
        }
        return new Balance(account.available(), account.held(), account.freeTierUsed(), account.lastEntryAt());
    }

    // ---- history ----------------------------------------------------------------------------------------

    /**
     * The person's transactions in the seed's vocabulary, newest first: holds appear as {@code consumption}
     * (status pending, completed or refunded), releases and refunds as {@code refund}; captures are not listed
     * (they complete a consumption).
     */
    @Transactional(readOnly = true)
    public Page<Transaction> transactions(UUID userId, String publicType, PageQuery page) {
        List<String> types = switch (publicType == null ? "" : publicType) {
            case "" -> List.of("grant", "purchase", "hold", "release", "refund", "adjustment");
            case "consumption" -> List.of("hold");
            case "refund" -> List.of("release", "refund");
            case "purchase", "grant", "adjustment" -> List.of(publicType);
            default -> throw DomainException.invalidField("transaction_type", "must be one of purchase, consumption, refund, grant, adjustment");
        };
        Page<LedgerEntry> found = entries.findVisible(userId, types, PageRequest.of(page.page() - 1, page.limit()));
        List<UUID> holdIds = found.stream().map(LedgerEntry::holdId).filter(Objects::nonNull).distinct().toList();
        Map<UUID, String> holdStatus = new HashMap<>();
        holds.findAllById(holdIds).forEach(h -> holdStatus.put(h.id(), h.status())); // one query per page
        return found.map(e -> toTransaction(e, holdStatus));
    }

    private Transaction toTransaction(LedgerEntry e, Map<UUID, String> holdStatus) {
        String type = switch (e.type()) {
            case HOLD -> "consumption";
            case RELEASE, REFUND -> "refund";
            default -> e.type().code();
        };
        String status = "completed";
        if (e.type() == EntryType.HOLD) {
            status = switch (holdStatus.getOrDefault(e.holdId(), CreditHold.CAPTURED)) {
                case CreditHold.OPEN -> "pending";
                case CreditHold.RELEASED -> "refunded";
                default -> "completed";
            };
        }
        return new Transaction(e.id(), type, e.amount(), e.balanceAfter(), status, e.contentId(), e.contentType(),
                e.packId(), e.reason(), e.createdAt());
    }

    /** For invariant checks (tests, the benchmark): the sum of the person's ledger entries. */
    @Transactional(readOnly = true)
    public long ledgerSum(UUID userId) {
        return entries.sumOf(userId);
    }

    // ---- internals --------------------------------------------------------------------------------------

    private CreditAccount lockOrCreate(UUID userId) {
        accounts.createIfAbsent(userId, clock.instant());
        return lock(userId);
    }

    private CreditAccount lock(UUID userId) {
        return accounts.lock(userId).orElseThrow(() -> DomainException.notFound("ACCOUNT_NOT_FOUND", "No credit account"));
    }

    private void changed(CreditAccount account, LedgerEntry entry) {
        events.publish(BalanceChanged.TYPE, new BalanceChanged(account.userId(), account.available(), account.held(),
                entry.amount(), entry.type().code()));
    }

    private static HoldView view(CreditHold hold, CreditAccount account) {
        return new HoldView(hold.id(), hold.jobId(), hold.userId(), hold.amount(), hold.status(), hold.expiresAt(),
                hold.releaseReason(), account.available());
    }

    private static DomainException holdNotFound() {
        return DomainException.notFound("HOLD_NOT_FOUND", "No credits are held for this job");
    }
}
