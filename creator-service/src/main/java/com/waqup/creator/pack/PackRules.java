package com.waqup.creator.pack;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.waqup.common.error.DomainException;
import com.waqup.creator.config.CreatorProperties;
import com.waqup.creator.profile.ProfileService;
import org.springframework.stereotype.Component;

/**
 * What a pack's fields may hold. Prices arrive as the seed's decimal {@code price_amount} (9.99) and are stored as
 * integer minor units (999); at most two decimals, never negative, never above the configured maximum. Saving a draft
 * checks each field; publishing also checks the whole (a title, a price above 0 for a paid pack, at least one item).
 */
@Component
class PackRules {

    static final List<String> PRICE_TYPES = List.of("free", "one_time", "subscription");
    static final List<String> INTERVALS = List.of("monthly", "annual");
    static final int TITLE_MAX = 120;
    static final int DESCRIPTION_MAX = 5000;
    static final int TAGS_MAX = 20;
    static final int TAG_MAX = 40;

    private final CreatorProperties properties;

    PackRules(CreatorProperties properties) {
        this.properties = properties;
    }

    /** A request's fields, checked and normalized (every problem reported at once, per field). */
    Pack.Metadata metadata(String title, String description, String priceType, BigDecimal priceAmount, String currency,
            String subscriptionInterval, List<String> tags, String coverUrl) {
        Map<String, String> problems = new LinkedHashMap<>();
        String t = title == null ? "" : title.strip();
        if (t.length() > TITLE_MAX) {
            problems.put("title", "must be at most " + TITLE_MAX + " characters");
        }
        String d = description == null ? "" : description.strip();
        if (d.length() > DESCRIPTION_MAX) {
            problems.put("description", "must be at most " + DESCRIPTION_MAX + " characters");
        }
        String type = priceType == null ? null : priceType.strip().toLowerCase(Locale.ROOT);
        if (type == null || !PRICE_TYPES.contains(type)) {
            problems.put("price_type", "must be one of " + String.join(", ", PRICE_TYPES));
        }
        long minor = 0;
        if (priceAmount != null) {
            if (priceAmount.signum() < 0) {
                problems.put("price_amount", "must not be negative");
            } else if (priceAmount.stripTrailingZeros().scale() > 2) {
                problems.put("price_amount", "must have at most two decimals");
            } else if (priceAmount.compareTo(BigDecimal.valueOf(properties.maxPriceMinor(), 2)) > 0) {
                problems.put("price_amount", "must be at most " + BigDecimal.valueOf(properties.maxPriceMinor(), 2));
            } else {
                minor = priceAmount.movePointRight(2).setScale(0).longValueExact();
            }
        }
        if ("free".equals(type) && minor != 0) {
            problems.put("price_amount", "must be 0 for a free pack");
        }
        String c = currency == null || currency.isBlank() ? properties.defaultCurrency() : currency.strip().toLowerCase(Locale.ROOT);
        if (!properties.currencies().contains(c)) {
            problems.put("currency", "must be one of " + String.join(", ", properties.currencies()));
        }
        String interval = subscriptionInterval == null || subscriptionInterval.isBlank() ? null
                : subscriptionInterval.strip().toLowerCase(Locale.ROOT);
        if (interval != null && !INTERVALS.contains(interval)) {
            problems.put("subscription_interval", "must be one of " + String.join(", ", INTERVALS));
        } else if ("subscription".equals(type) && interval == null) {
            problems.put("subscription_interval", "is required for a subscription (monthly or annual)");
        } else if (type != null && !"subscription".equals(type) && interval != null) {
            problems.put("subscription_interval", "is only for a subscription");
        }
        List<String> cleanTags = tags(tags, problems);
        String cover = coverUrl == null || coverUrl.isBlank() ? null : coverUrl.strip();
        if (cover != null && !ProfileService.isWebUrl(cover)) {
            problems.put("cover_url", "must be an http(s) URL of at most " + ProfileService.URL_MAX + " characters");
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalidFields(problems);
        }
        return new Pack.Metadata(t, d, type, minor, c, interval, cleanTags, cover);
    }

    private static List<String> tags(List<String> tags, Map<String, String> problems) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > TAGS_MAX) {
            problems.put("tags", "must hold at most " + TAGS_MAX + " tags");
            return List.of();
        }
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i) == null ? "" : tags.get(i).strip().toLowerCase(Locale.ROOT);
            if (tag.isEmpty() || tag.length() > TAG_MAX) {
                problems.put("tags[" + i + "]", "must be 1 to " + TAG_MAX + " characters");
            } else {
                clean.add(tag);
            }
        }
        return new ArrayList<>(clean);
    }

    /** What publishing a revision needs beyond valid fields. */
    void publishable(Pack.Metadata m, long itemCount) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (m.title().isBlank()) {
            problems.put("title", "is required to publish");
        }
        if (!"free".equals(m.priceType()) && m.priceAmountMinor() <= 0) {
            problems.put("price_amount", "must be above 0 for a " + m.priceType().replace('_', ' ') + " pack");
        }
        if (itemCount < 1) {
            problems.put("items", "a pack needs at least one item to be published");
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid("PACK_NOT_PUBLISHABLE", "The pack cannot be published yet",
                    Map.of("fields", problems));
        }
    }

    int maxItems() {
        return properties.maxItems();
    }
}
