package com.waqup.catalog.pack;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** What the catalog reads of creator-service's {@code pack.*} events (contracts/events, docs/events.md). */
final class PackEvents {

    static final String PUBLISHED = "pack.published";
    static final String UPDATED = "pack.updated";
    static final String ARCHIVED = "pack.archived";

    private PackEvents() {
    }

    /** {@code pack.published} and {@code pack.updated}: the full public payload of one revision. */
    record PackRevision(@NotNull UUID packId, @NotNull Integer revision, @NotNull UUID creatorId, String creatorName,
            @NotBlank String title, String description, @NotBlank String priceType,
            @NotNull @PositiveOrZero Long priceAmountMinor, String currency, String subscriptionInterval, List<String> tags,
            String coverUrl, Instant publishedAt, @NotNull List<@Valid Item> items) {

        record Item(@NotNull UUID itemId, Integer position, String title, String contentType, String practiceType,
                Integer duration, List<String> tags) {
        }
    }

    /** {@code pack.archived}. */
    record PackArchived(@NotNull UUID packId, @NotNull Integer revision, @NotNull UUID creatorId, Instant archivedAt) {
    }
}
