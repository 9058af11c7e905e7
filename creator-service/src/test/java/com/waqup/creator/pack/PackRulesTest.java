package com.waqup.creator.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.waqup.common.error.DomainException;
import com.waqup.creator.config.CreatorProperties;
import org.junit.jupiter.api.Test;

/** A pack's fields: the seed's decimal price to integer minor units, and what publishing needs. */
class PackRulesTest {

    final PackRules rules = new PackRules(new CreatorProperties(49_999, List.of("usd", "eur", "gbp"), "usd", 50, "Former creator"));

    Pack.Metadata paid(String amount) {
        return rules.metadata("Calm", null, "one_time", new BigDecimal(amount), null, null, null, null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(Throwable e) {
        return (Map<String, Object>) ((DomainException) e).details().get("fields");
    }

    @Test
    void shouldStoreTheDecimalPriceAsIntegerMinorUnits() {
        assertThat(paid("9.99").priceAmountMinor()).isEqualTo(999);
        assertThat(paid("0.1").priceAmountMinor()).isEqualTo(10);
        assertThat(paid("12").priceAmountMinor()).isEqualTo(1200);
        assertThat(paid("1E+2").priceAmountMinor()).isEqualTo(10_000);
        assertThat(paid("499.99").priceAmountMinor()).isEqualTo(49_999);
        assertThat(paid("9.990").priceAmountMinor()).as("trailing zeros are not decimals").isEqualTo(999);
    }

    @Test
    void shouldRefuseNegativeTooPreciseAndTooHighPrices() {
        for (String amount : new String[] { "-0.01", "9.999", "500.00" }) {
            assertThatThrownBy(() -> paid(amount)).as(amount).isInstanceOf(DomainException.class)
                    .satisfies(e -> assertThat(fields(e)).containsKey("price_amount"));
        }
    }

    @Test
    void shouldMatchThePriceAndIntervalToThePriceType() {
        assertThatThrownBy(() -> rules.metadata("Calm", null, "free", new BigDecimal("1"), null, null, null, null))
                .satisfies(e -> assertThat(fields(e)).containsKey("price_amount"));
        assertThatThrownBy(() -> rules.metadata("Calm", null, "subscription", new BigDecimal("5"), null, null, null, null))
                .satisfies(e -> assertThat(fields(e)).containsKey("subscription_interval"));
        assertThatThrownBy(() -> rules.metadata("Calm", null, "one_time", new BigDecimal("5"), null, "monthly", null, null))
                .satisfies(e -> assertThat(fields(e)).containsKey("subscription_interval"));
        assertThatThrownBy(() -> rules.metadata("Calm", null, "rental", null, "jpy", null, null, null))
                .satisfies(e -> assertThat(fields(e)).containsKeys("price_type", "currency"));
        Pack.Metadata monthly = rules.metadata("Calm", null, "SUBSCRIPTION", new BigDecimal("4.50"), "EUR", "Monthly", null, null);
        assertThat(monthly.priceType()).isEqualTo("subscription");
        assertThat(monthly.currency()).isEqualTo("eur");
        assertThat(monthly.subscriptionInterval()).isEqualTo("monthly");
    }

    @Test
    void shouldNormalizeTagsAndDefaultTheCurrency() {
        Pack.Metadata m = rules.metadata("  Calm  ", null, "free", null, null, null, List.of("Sleep", " sleep ", "Evening"), null);
        assertThat(m.title()).isEqualTo("Calm");
        assertThat(m.tags()).containsExactly("sleep", "evening");
        assertThat(m.currency()).isEqualTo("usd");
        assertThat(m.priceAmountMinor()).isZero();
    }

    @Test
    void shouldNeedATitleAPriceAboveZeroForPaidPacksAndAnItemToPublish() {
        Pack.Metadata untitledUnpriced = rules.metadata("", null, "one_time", null, null, null, null, null);
        assertThatThrownBy(() -> rules.publishable(untitledUnpriced, 0))
                .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo("PACK_NOT_PUBLISHABLE"))
                .satisfies(e -> assertThat(fields(e)).containsKeys("title", "price_amount", "items"));
        rules.publishable(rules.metadata("Calm", null, "free", null, null, null, null, null), 1);
    }
}
