package com.waqup.reward.payout;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.reward.config.RewardProperties;
import com.waqup.reward.ledger.TokenLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payout requests (docs/rewards.md): a creator asks for at least the minimum and at most their available tokens, which
 * are held while the request is pending; an administrator marks it paid (the tokens are gone) or rejected (they come
 * back). The same {@code Idempotency-Key} returns the first request.
 */
@Service
class PayoutService {

    private static final Logger log = LoggerFactory.getLogger(PayoutService.class);

    static final String PENDING = "pending";
    static final String PAID = "paid";
    static final String REJECTED = "rejected";

    private final PayoutRepository payouts;
    private final TokenLedger ledger;
    private final RewardProperties properties;
    private final Clock clock;

    PayoutService(PayoutRepository payouts, TokenLedger ledger, RewardProperties properties, Clock clock) {
        this.payouts = payouts;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    record Payout(UUID id, UUID creatorId, long amount, String status, Instant requestedAt, Instant resolvedAt,
            String reason) {
    }

    record PayoutView(UUID id, long amount, String status, Instant requestedAt, Instant resolvedAt, String reason) {

        static PayoutView of(Payout p) {
            return new PayoutView(p.id(), p.amount(), p.status(), p.requestedAt(), p.resolvedAt(), p.reason());
        }
    }

    record Requested(PayoutView payout, boolean created) {
    }

    @Transactional
    Requested request(UUID creatorId, long amount, String idempotencyKey) {
        if (amount < properties.payoutMinimum()) {
            throw DomainException.invalidFields(Map.of("amount", "must be at least " + properties.payoutMinimum() + " tokens"));
        }
        ledger.lockCreator(creatorId);
        if (idempotencyKey != null) {
            Optional<Payout> earlier = payouts.byKey(creatorId, idempotencyKey);
            if (earlier.isPresent()) {
                if (earlier.get().amount() != amount) {
                    throw DomainException.conflict("IDEMPOTENCY_CONFLICT", "This Idempotency-Key was used for another payout");
                }
                return new Requested(PayoutView.of(earlier.get()), false);
            }
        }
        UUID id = UUID.randomUUID();
        ledger.hold(creatorId, amount, id);
        payouts.insert(id, creatorId, amount, idempotencyKey, clock.instant());
        log.info("creator {} requested a payout of {} tokens ({})", creatorId, amount, id);
        return new Requested(PayoutView.of(payouts.find(id).orElseThrow()), true);
    }

    /** Marks a pending payout paid or rejected; the same decision again returns it, the other one is 409. */
    @Transactional
    PayoutView resolve(UUID payoutId, String decision, UUID adminId, String reason) {
        UUID creator = payouts.find(payoutId).map(Payout::creatorId).orElseThrow(() -> notFound(payoutId));
        if (creator != null) {
            ledger.lockCreator(creator);
        }
        Payout payout = payouts.lock(payoutId).orElseThrow(() -> notFound(payoutId));
        if (payout.status().equals(decision)) {
            return PayoutView.of(payout);
        }
        if (!PENDING.equals(payout.status())) {
            throw DomainException.conflict("PAYOUT_ALREADY_" + payout.status().toUpperCase(Locale.ROOT),
                    "This payout is " + payout.status() + " already");
        }
        if (creator == null) {
            log.info("payout {} belongs to an erased account: only its status changes", payoutId);
        } else if (PAID.equals(decision)) {
            ledger.paid(creator, payout.amount(), payoutId);
        } else {
            ledger.release(creator, payout.amount(), payoutId);
        }
        payouts.resolve(payoutId, decision, adminId, reason, clock.instant());
        log.info("payout {} {} by {}", payoutId, decision, adminId);
        return PayoutView.of(payouts.find(payoutId).orElseThrow());
    }

    private static DomainException notFound(UUID id) {
        return DomainException.notFound("PAYOUT_NOT_FOUND", "No payout " + id);
    }
}
