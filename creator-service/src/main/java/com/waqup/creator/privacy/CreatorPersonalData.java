package com.waqup.creator.privacy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.privacy.PersonalData;
import com.waqup.creator.analytics.AnalyticsService;
import com.waqup.creator.config.CreatorProperties;
import com.waqup.creator.pack.PackService;
import com.waqup.creator.profile.ProfileService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * creator-service's part of the account export and erasure (docs/privacy.md, docs/marketplace.md). Export: the
 * profile and every pack. Erasure: each published pack gets a last revision under a neutral label and is archived
 * (buyers keep what they have; the copies are the pack's, not the creator's library), drafts are deleted, stored
 * revisions carry the label, the profile is deleted, and the person disappears from analytics facts (counts stay).
 */
@Component
class CreatorPersonalData implements PersonalData {

    private static final Logger log = LoggerFactory.getLogger(CreatorPersonalData.class);

    private final ProfileService profiles;
    private final PackService packs;
    private final AnalyticsService analytics;
    private final CreatorProperties properties;

    CreatorPersonalData(ProfileService profiles, PackService packs, AnalyticsService analytics, CreatorProperties properties) {
        this.profiles = profiles;
        this.packs = packs;
        this.analytics = analytics;
        this.properties = properties;
    }

    @Override
    public Object export(UUID userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("creator_profile", profiles.export(userId).orElse(null));
        data.put("packs", packs.export(userId));
        return data;
    }

    @Override
    public Erasure erase(UUID userId) {
        long rows = packs.eraseCreator(userId, properties.erasedCreatorLabel());
        rows += profiles.delete(userId);
        rows += analytics.forget(userId);
        log.info("creator data of {} erased: {} row(s)", userId, rows);
        return Erasure.rows(rows);
    }
}
