package com.waqup.creator.config;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The marketplace's supply-side settings ({@code waqup.creator.*}, docs/marketplace.md).
 *
 * @param maxPriceMinor       the highest price a pack may ask, in minor units of its currency (49999 = 499.99)
 * @param currencies          the ISO 4217 currencies a pack may be priced in (lower case, as Stripe names them)
 * @param defaultCurrency     the currency of a pack whose request names none
 * @param maxItems            the most items one pack may hold
 * @param erasedCreatorLabel  the name shown instead of an erased creator's in published packs
 */
@ConfigurationProperties("waqup.creator")
@Validated
public record CreatorProperties(
        @Min(1) @Max(100_000_000) @DefaultValue("49999") long maxPriceMinor,
        @NotEmpty @DefaultValue({ "usd", "eur", "gbp" }) List<String> currencies,
        @NotBlank @DefaultValue("usd") String defaultCurrency,
        @Min(1) @Max(500) @DefaultValue("50") int maxItems,
        @NotBlank @DefaultValue("Former creator") String erasedCreatorLabel) {
}
