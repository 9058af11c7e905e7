package com.waqup.reward.earning;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import com.waqup.reward.ledger.TokenLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The token rules applied to marketplace events (docs/rewards.md): purchases and renewals earn the creator's share,
 * refunds take back what the purchase earned in proportion, completed practices of pack items by someone else earn a
 * small reward capped per practitioner, pack and UTC day. Self-purchases and self-plays earn nothing. Every rule is
 * idempotent (by payment, refund and practice event id) and works in any order of arrival.
 */
@Service
class EarningService {

    private static final Logger log = LoggerFactory.getLogger(EarningService.class);

    private final EarningRepository earnings;
    private final EarningRules rules;
    private final TokenLedger ledger;
    private final Clock clock;

    EarningService(EarningRepository earnings, EarningRules rules, TokenLedger ledger, Clock clock) {
        this.earnings = earnings;
        this.rules = rules;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A paid purchase ({@code payment.succeeded}) or renewal ({@code subscription.renewed}) of a pack. */
    @Transactional
    public void paid(String type, TokenLedger.Source source, UUID buyerId, UUID creatorId, long amountMinor) {
        if (creatorId == null || source.packId() == null || amountMinor <= 0) {
            return;
        }
        if (earnings.erased(creatorId)) {
            return;
        }
        if (creatorId.equals(buyerId)) {
            log.info("payment {}: the creator bought their own pack, no tokens", source.paymentId());
            return;
        }
        earnings.lockPayment(source.paymentId());
        ledger.lockCreator(creatorId);
        long tokens = rules.purchaseTokens(amountMinor);
        if (!earnings.insertPurchase(source.paymentId(), creatorId, buyerId, source.packId(), amountMinor, tokens,
                clock.instant())) {
            return;
        }
        ledger.earn(creatorId, type, tokens, "earn:" + source.paymentId(), source);
        for (EarningRepository.Refund waiting : earnings.pendingRefunds(source.paymentId())) {
            applyRefund(waiting);
        }
    }

    /** A refund ({@code payment.refunded}): reverses what its purchase earned, now or when the purchase arrives. */
    @Transactional
    public void refunded(EarningRepository.Refund refund) {
        earnings.lockPayment(refund.paymentId());
        Optional<UUID> creator = earnings.purchaseCreator(refund.paymentId());
        creator.ifPresent(ledger::lockCreator);
        if (!earnings.insertRefund(refund, clock.instant())) {
            return;
        }
        if (creator.isPresent()) {
            applyRefund(refund);
        }
    }

    private void applyRefund(EarningRepository.Refund refund) {
        EarningRepository.PurchaseReward purchase = earnings.lockPurchase(refund.paymentId()).orElseThrow();
        long due = rules.refundTokens(purchase.tokens(), purchase.amountMinor(), refund.refundedMinor(), purchase.reversed());
        long taken = purchase.creatorId() == null ? 0 : ledger.reverse(purchase.creatorId(), due, "refund:" + refund.refundId(),
                new TokenLedger.Source("payment.refunded", refund.eventId(), purchase.packId(), refund.paymentId()));
        earnings.addReversal(refund.paymentId(), due, due - taken);
        earnings.refundApplied(refund.refundId(), clock.instant());
        if (taken < due) {
            log.info("refund {}: {} of {} token(s) reversed, the rest was paid out or is held", refund.refundId(), taken, due);
        }
    }

    /** Who owns a pack ({@code pack.published}/{@code pack.updated}); practices waiting for it are settled. */
    @Transactional
    public void packOwner(UUID packId, UUID creatorId) {
        earnings.upsertOwner(packId, creatorId);
        settle(packId);
    }

    /** A completed practice of a pack item ({@code practice.completed} with a {@code pack_id}). */
    @Transactional
    public void practiced(UUID eventId, UUID practiceEventId, UUID userId, UUID packId, Instant completedAt) {
        LocalDate day = LocalDate.ofInstant(completedAt, ZoneOffset.UTC);
        if (earnings.insertPractice(new EarningRepository.Practice(practiceEventId, eventId, userId, packId, day),
                clock.instant())) {
            settle(packId);
        }
    }

    private void settle(UUID packId) {
        Optional<UUID> owner = earnings.owner(packId);
        if (owner.isEmpty()) {
            return;
        }
        UUID creator = owner.get();
        if (earnings.erased(creator)) {
            return;
        }
        ledger.lockCreator(creator);
        for (EarningRepository.Practice p : earnings.lockPending(packId)) {
            if (p.userId() == null || creator.equals(p.userId())) {
                earnings.settlePractice(p.practiceEventId(), "self", 0);
            } else if (earnings.rewardedOn(p.userId(), packId, p.day()) >= rules.practiceDailyCap()) {
                earnings.settlePractice(p.practiceEventId(), "capped", 0);
            } else {
                long tokens = rules.practiceTokens();
                ledger.earn(creator, TokenLedger.PRACTICE, tokens, "practice:" + p.practiceEventId(),
                        new TokenLedger.Source("practice.completed", p.eventId(), packId, null));
                earnings.settlePractice(p.practiceEventId(), "rewarded", tokens);
            }
        }
    }
}
