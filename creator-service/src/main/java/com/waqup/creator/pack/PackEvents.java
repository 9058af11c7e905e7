package com.waqup.creator.pack;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The marketplace events creator-service publishes (docs/events.md, golden JSON in {@code contracts/events/}):
 * the full public payload of a published revision ({@code pack.published} for the first, {@code pack.updated} for
 * later ones) and {@code pack.archived}.
 */
public final class PackEvents {

    private PackEvents() {
    }

    /** One revision of a pack as buyers get it; the same shape for {@code pack.published} and {@code pack.updated}. */
    public record PackRevision(UUID packId, int revision, UUID creatorId, String creatorName, String title,
            String description, String priceType, long priceAmountMinor, String currency, String subscriptionInterval,
            List<String> tags, String coverUrl, Instant publishedAt, List<Item> items) {

        public static final String PUBLISHED = "pack.published";
        public static final String UPDATED = "pack.updated";

        PackRevision withCreatorName(String name) {
            return new PackRevision(packId, revision, creatorId, name, title, description, priceType, priceAmountMinor,
                    currency, subscriptionInterval, tags, coverUrl, publishedAt, items);
        }
    }

    /**
     * One item's immutable published version: the script, metadata and audio copied from the creator's library when
     * it was first published in this pack ({@code audio_key} under {@code packs/{pack_id}/{item_id}/{revision}.mp3}).
     */
    public record Item(UUID itemId, int position, String title, String contentType, String practiceType, int duration,
            List<String> tags, String contentText, String audioKey, String audioFormat, Long audioSizeBytes,
            boolean personalizable) {

        Item at(int newPosition) {
            return new Item(itemId, newPosition, title, contentType, practiceType, duration, tags, contentText, audioKey,
                    audioFormat, audioSizeBytes, personalizable);
        }

        /** This version at {@code newPosition}, with the creator's current {@code personalizable} choice. */
        Item at(int newPosition, boolean isPersonalizable) {
            return new Item(itemId, newPosition, title, contentType, practiceType, duration, tags, contentText, audioKey,
                    audioFormat, audioSizeBytes, isPersonalizable);
        }
    }

    /** {@code pack.archived}: the pack left the catalog; people who own it keep it. */
    public record PackArchived(UUID packId, int revision, UUID creatorId, Instant archivedAt) {

        public static final String TYPE = "pack.archived";
    }
}
