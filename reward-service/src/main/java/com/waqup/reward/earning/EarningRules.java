package com.waqup.reward.earning;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.waqup.reward.config.RewardProperties;
import org.springframework.stereotype.Component;

/** The arithmetic of the token rules (docs/rewards.md), rounded down so a creator is never credited a fraction. */
@Component
class EarningRules {

    private final RewardProperties properties;

    EarningRules(RewardProperties properties) {
        this.properties = properties;
    }

    /** Tokens for a purchase or renewal of {@code amountMinor}: the creator's share at the fixed rate. */
    long purchaseTokens(long amountMinor) {
        if (amountMinor <= 0) {
            return 0;
        }
        return BigDecimal.valueOf(amountMinor).multiply(BigDecimal.valueOf(properties.purchaseSharePercent()))
                .multiply(properties.tokensPerMinorUnit()).divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR).longValueExact();
    }

    /**
     * Tokens a refund of {@code refundedMinor} out of {@code amountMinor} takes back from a purchase that earned
     * {@code tokens}, of which {@code alreadyReversed} were taken back by earlier refunds: in proportion (all of them for
     * a full refund), never more than what is left.
     */
    long refundTokens(long tokens, long amountMinor, long refundedMinor, long alreadyReversed) {
        long left = Math.max(0, tokens - alreadyReversed);
        if (amountMinor <= 0 || refundedMinor >= amountMinor) {
            return left;
        }
        long share = BigDecimal.valueOf(tokens).multiply(BigDecimal.valueOf(Math.max(0, refundedMinor)))
                .divide(BigDecimal.valueOf(amountMinor), 0, RoundingMode.FLOOR).longValueExact();
        return Math.min(left, share);
    }

    long practiceTokens() {
        return properties.practiceTokens();
    }

    int practiceDailyCap() {
        return properties.practiceDailyCap();
    }
}
