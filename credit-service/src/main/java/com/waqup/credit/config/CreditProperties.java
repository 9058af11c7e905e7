package com.waqup.credit.config;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The credit economy's settings (docs/credits.md).
 *
 * @param holdTtl         an open hold older than this is released by the sweeper (reason {@code expired})
 * @param sweepInterval   how often the sweeper looks for expired holds
 * @param freeTierCredits credits granted once when a person registers
 * @param costs           credits one creation costs, per content type
 * @param packs           credit packs sold through payment-service, by id
 */
@ConfigurationProperties("waqup.credit")
@Validated
public record CreditProperties(
        @NotNull @DefaultValue("15m") Duration holdTtl,
        @NotNull @DefaultValue("30s") Duration sweepInterval,
        @Min(0) @DefaultValue("1") int freeTierCredits,
        @NotEmpty Map<String, @Positive Integer> costs,
        @NotEmpty Map<String, @Valid Pack> packs) {

    /**
     * @param credits    credits the pack adds
     * @param priceCents its price in the smallest currency unit
     * @param currency   ISO 4217, lower case (Stripe's form)
     */
    public record Pack(@Positive int credits, @Positive long priceCents, @NotNull String currency) {
    }

    public Integer costOf(String contentType) {
        return costs.get(contentType);
    }
}
