package com.waqup.catalog.recommend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.catalog.review.ReviewService;
import com.waqup.common.privacy.PersonalData;
import org.springframework.stereotype.Component;

/**
 * The catalog's part of the account export and erasure (docs/privacy.md): the person's reviews (their ratings leave the
 * packs' averages, and the index documents follow) and the activity recommendations learned from. Packs a person
 * created are creator-service's to archive; the catalog follows its events.
 */
@Component
class CatalogPersonalData implements PersonalData {

    private final ActivityRepository activity;
    private final ReviewService reviews;

    CatalogPersonalData(ActivityRepository activity, ReviewService reviews) {
        this.activity = activity;
        this.reviews = reviews;
    }

    @Override
    public Object export(UUID userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reviews", reviews.exportAll(userId));
        data.put("created_items", activity.items(userId, Integer.MAX_VALUE));
        data.put("practices", activity.practices(userId));
        return data;
    }

    @Override
    public Erasure erase(UUID userId) {
        return Erasure.rows(reviews.eraseAll(userId) + activity.erase(userId));
    }
}
