package com.waqup.creator.pack;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.waqup.common.error.DomainException;

/**
 * A pack and its lifecycle: draft → published → archived. A draft changes freely; a published pack's changes become
 * a new revision at once (buyers keep the revision they got); an archived pack changes no more.
 * {@code revision} is the last published revision (0 while never published).
 */
record Pack(UUID id, UUID creatorId, String status, String title, String description, String priceType,
        long priceAmountMinor, String currency, String subscriptionInterval, List<String> tags, String coverUrl,
        int revision, Instant createdAt, Instant updatedAt, Instant publishedAt, Instant archivedAt) {

    static final String DRAFT = "draft";
    static final String PUBLISHED = "published";
    static final String ARCHIVED = "archived";
    static final List<String> STATUSES = List.of(DRAFT, PUBLISHED, ARCHIVED);

    /** The metadata a creator sets (validated by {@link PackRules}). */
    record Metadata(String title, String description, String priceType, long priceAmountMinor, String currency,
            String subscriptionInterval, List<String> tags, String coverUrl) {
    }

    static Pack draft(UUID id, UUID creatorId, Metadata m, Instant now) {
        return new Pack(id, creatorId, DRAFT, m.title(), m.description(), m.priceType(), m.priceAmountMinor(), m.currency(),
                m.subscriptionInterval(), m.tags(), m.coverUrl(), 0, now, now, null, null);
    }

    Metadata metadata() {
        return new Metadata(title, description, priceType, priceAmountMinor, currency, subscriptionInterval, tags, coverUrl);
    }

    boolean isDraft() {
        return DRAFT.equals(status);
    }

    boolean isPublished() {
        return PUBLISHED.equals(status);
    }

    boolean isArchived() {
        return ARCHIVED.equals(status);
    }

    /** Refuses any change to an archived pack. */
    void requireChangeable() {
        if (isArchived()) {
            throw DomainException.conflict("PACK_ARCHIVED", "Pack " + id + " is archived and can no longer change");
        }
    }

    boolean sameMetadata(Metadata m) {
        return Objects.equals(metadata(), m);
    }

    Pack withMetadata(Metadata m, Instant now) {
        return new Pack(id, creatorId, status, m.title(), m.description(), m.priceType(), m.priceAmountMinor(),
                m.currency(), m.subscriptionInterval(), m.tags(), m.coverUrl(), revision, createdAt, now, publishedAt,
                archivedAt);
    }

    /** The next revision is published now (the first one also sets {@code published_at}). */
    Pack publishedAs(int newRevision, Instant now) {
        return new Pack(id, creatorId, PUBLISHED, title, description, priceType, priceAmountMinor, currency,
                subscriptionInterval, tags, coverUrl, newRevision, createdAt, now, publishedAt == null ? now : publishedAt,
                null);
    }

    Pack archived(Instant now) {
        return new Pack(id, creatorId, ARCHIVED, title, description, priceType, priceAmountMinor, currency,
                subscriptionInterval, tags, coverUrl, revision, createdAt, now, publishedAt, now);
    }

    Pack touched(Instant now) {
        return new Pack(id, creatorId, status, title, description, priceType, priceAmountMinor, currency,
                subscriptionInterval, tags, coverUrl, revision, createdAt, now, publishedAt, archivedAt);
    }
}
