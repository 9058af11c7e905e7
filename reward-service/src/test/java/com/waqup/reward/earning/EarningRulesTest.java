package com.waqup.reward.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import com.waqup.reward.config.RewardProperties;
import org.junit.jupiter.api.Test;

class EarningRulesTest {

    final EarningRules rules = new EarningRules(new RewardProperties(70, BigDecimal.ONE, 5, 3, 1000));

    @Test
    void shouldGiveTheCreatorSeventyPercentRoundedDown() {
        assertThat(rules.purchaseTokens(999)).isEqualTo(699);
        assertThat(rules.purchaseTokens(1)).isZero();
        assertThat(rules.purchaseTokens(0)).isZero();
        assertThat(new EarningRules(new RewardProperties(50, new BigDecimal("0.1"), 5, 3, 1000)).purchaseTokens(999)).isEqualTo(49);
    }

    @Test
    void shouldReverseRefundsInProportionNeverMoreThanIsLeft() {
        assertThat(rules.refundTokens(700, 1000, 1000, 0)).isEqualTo(700);
        assertThat(rules.refundTokens(700, 1000, 250, 0)).isEqualTo(175);
        assertThat(rules.refundTokens(700, 1000, 750, 175)).isEqualTo(525);
        assertThat(rules.refundTokens(700, 1000, 1000, 175)).as("a full refund after a partial one").isEqualTo(525);
        assertThat(rules.refundTokens(699, 999, 1, 0)).isZero();
    }
}
