package com.waqup.catalog.review;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.waqup.catalog.access.PackAccess;
import com.waqup.catalog.pack.CatalogService;
import com.waqup.catalog.pack.Pack;
import com.waqup.catalog.pack.PackIndex;
import com.waqup.catalog.pack.PackRepository;
import com.waqup.catalog.pack.SearchCache;
import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.outbox.IntegrationEvents;
import com.waqup.common.paging.PageQuery;
import com.waqup.common.paging.Pagination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reviews: one per person per pack (a second replaces the first), only by someone with access who is not the pack's
 * creator. The pack's rating sum and count change in the same transaction as the review, the index document's
 * rating fields right after (searches show them within the index's one-second refresh) and {@code pack.rated} goes
 * out through the outbox.
 */
@Service
public class ReviewService {

    private static final Logger log = LoggerFactory.getLogger(ReviewService.class);

    private final ReviewRepository reviews;
    private final PackRepository packs;
    private final PackIndex index;
    private final SearchCache cache;
    private final PackAccess access;
    private final IntegrationEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ReviewService(ReviewRepository reviews, PackRepository packs, PackIndex index, SearchCache cache, PackAccess access,
            IntegrationEvents events, TransactionTemplate transactions, Clock clock) {
        this.reviews = reviews;
        this.packs = packs;
        this.index = index;
        this.cache = cache;
        this.access = access;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    record ReviewView(UUID packId, int rating, String text, Instant createdAt, Instant updatedAt, boolean mine) {

        static ReviewView of(ReviewRepository.Review r, UUID viewer) {
            return new ReviewView(r.packId(), r.rating(), r.text(), r.createdAt(), r.updatedAt(), r.userId().equals(viewer));
        }
    }

    record ReviewList(List<ReviewView> reviews, Double rating, int reviewCount, Pagination pagination) {
    }

    /** The outcome of a review: the stored review and whether it was new (201) or replaced an earlier one (200). */
    record Posted(ReviewView review, boolean created) {
    }

    Posted post(UUID userId, UUID packId, int rating, String text) {
        Pack pack = packs.find(packId).filter(Pack::published).orElseThrow(() -> CatalogService.notFound(packId));
        if (pack.creatorId().equals(userId)) {
            throw new DomainException(ErrorKind.FORBIDDEN, "OWN_PACK_REVIEW", "Creators cannot review their own packs");
        }
        if (!access.hasAccess(pack.id(), pack.creatorId(), userId)) {
            throw new DomainException(ErrorKind.FORBIDDEN, "PACK_ACCESS_REQUIRED",
                    "Only people who have this pack can review it");
        }
        String body = text == null ? "" : text.strip();
        return transactions.execute(tx -> {
            Pack locked = packs.lockPublished(packId).orElseThrow(() -> CatalogService.notFound(packId));
            Instant now = clock.instant();
            ReviewRepository.Review previous = reviews.find(packId, userId).orElse(null);
            ReviewRepository.Review review;
            if (previous == null) {
                review = new ReviewRepository.Review(packId, userId, rating, body, now, now);
                reviews.insert(review);
                packs.adjustRatings(packId, rating, 1, now);
            } else {
                review = new ReviewRepository.Review(packId, userId, rating, body, previous.createdAt(), now);
                reviews.update(review);
                packs.adjustRatings(packId, rating - previous.rating(), 0, now);
            }
            Pack rated = packs.find(locked.id()).orElseThrow();
            index.writeRatings(rated);
            cache.invalidate();
            events.publish(PackRated.TYPE, new PackRated(packId, rated.creatorId(), userId, rating,
                    previous == null ? null : previous.rating(), rated.rating(), rated.reviewCount(), now));
            log.info("pack {} rated {} by {} ({}; now {} over {})", packId, rating, userId,
                    previous == null ? "new" : "replacing " + previous.rating(), rated.rating(), rated.reviewCount());
            return new Posted(ReviewView.of(review, userId), previous == null);
        });
    }

    /** A person's reviews, for their account export. */
    public List<ReviewRepository.Review> exportAll(UUID userId) {
        return reviews.byUser(userId);
    }

    /**
     * Deletes a person's reviews (account erasure, inside its transaction): each pack's rating loses theirs and its
     * index document follows.
     */
    public long eraseAll(UUID userId) {
        List<ReviewRepository.Review> theirs = reviews.byUser(userId);
        Instant now = clock.instant();
        for (ReviewRepository.Review review : theirs) {
            packs.lockPublished(review.packId());
            packs.adjustRatings(review.packId(), -review.rating(), -1, now);
        }
        int deleted = reviews.deleteByUser(userId);
        for (ReviewRepository.Review review : theirs) {
            packs.find(review.packId()).filter(Pack::published).ifPresent(index::writeRatings);
        }
        if (deleted > 0) {
            cache.invalidate();
        }
        return deleted;
    }

    ReviewList list(UUID viewer, UUID packId, PageQuery page) {
        Pack pack = packs.find(packId).filter(Pack::published).orElseThrow(() -> CatalogService.notFound(packId));
        List<ReviewView> views = reviews.page(packId, page.limit(), page.offset()).stream()
                .map(r -> ReviewView.of(r, viewer)).toList();
        return new ReviewList(views, pack.rating(), pack.reviewCount(), Pagination.of(page, reviews.count(packId)));
    }
}
