package com.waqup.catalog.pack;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A pack as the catalog knows it: the latest applied revision of creator-service's public payload, plus the ratings
 * the catalog keeps. Prices are integer minor units; {@link #priceAmount()} is the seed's decimal.
 */
public record Pack(UUID id, int revision, String status, UUID creatorId, String creatorName, String title,
        String description, String priceType, long priceAmountMinor, String currency, String subscriptionInterval,
        List<String> tags, String coverUrl, Instant publishedAt, long ratingSum, int reviewCount, Instant updatedAt,
        List<Item> items) {

    public static final String PUBLISHED = "published";
    public static final String ARCHIVED = "archived";

    /** One practice of the pack, in order. */
    public record Item(UUID itemId, int position, String title, int duration, String practiceType, String contentType,
            List<String> tags) {
    }

    public boolean published() {
        return PUBLISHED.equals(status);
    }

    /** The seed's decimal price: minor units scaled by the currency's digits (cents for usd/eur). */
    public BigDecimal priceAmount() {
        return BigDecimal.valueOf(priceAmountMinor, fractionDigits(currency));
    }

    static int fractionDigits(String currency) {
        try {
            int digits = Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException | NullPointerException e) {
            return 2;
        }
    }

    /** The average rating to one decimal, or {@code null} while nobody has rated the pack. */
    public Double rating() {
        return reviewCount == 0 ? null : Math.round(ratingSum * 10.0 / reviewCount) / 10.0;
    }

    /**
     * The rating ranking uses: a Bayesian average that starts every pack at {@value #PRIOR_MEAN} as if it had
     * {@value #PRIOR_WEIGHT} neutral reviews, so one 5-star review does not outrank a hundred 4.8s (docs/catalog.md).
     */
    public double quality() {
        return (PRIOR_WEIGHT * PRIOR_MEAN + ratingSum) / (PRIOR_WEIGHT + reviewCount);
    }

    static final double PRIOR_MEAN = 3.0;
    static final double PRIOR_WEIGHT = 3.0;
}
