package com.waqup.catalog.review;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code pack.rated} (catalog → creator analytics; contracts/events/pack.rated.json): someone rated a pack, or changed
 * their rating ({@code previous_rating} then set), with the pack's new average and review count.
 */
public record PackRated(UUID packId, UUID creatorId, UUID reviewerId, int rating, Integer previousRating,
        Double averageRating, int reviewCount, Instant ratedAt) {

    public static final String TYPE = "pack.rated";
}
