package com.waqup.library.content;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The values the library accepts: content types, depths, titles and tags (normalized lowercase). */
public final class ContentRules {

    public static final Set<String> CONTENT_TYPES = Set.of("affirmation", "guided_meditation", "ritual");
    public static final Set<String> DEPTHS = Set.of("shallow", "medium", "deep");
    static final int TITLE_MAX = 120;
    static final int TAGS_MAX = 20;
    static final int TAG_MAX = 40;

    private ContentRules() {
    }

    static String contentType(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (!CONTENT_TYPES.contains(value)) {
            throw ContentErrors.invalid("content_type", "must be one of affirmation, guided_meditation, ritual");
        }
        return value;
    }

    static String depth(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (!DEPTHS.contains(value)) {
            throw ContentErrors.invalid("depth", "must be one of shallow, medium, deep");
        }
        return value;
    }

    /** {@code tags=a&tags=b} and/or {@code tags=a,b}: trimmed, lowercase, without blanks and duplicates. */
    static List<String> tagFilter(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String value : raw) {
            for (String part : value.split(",")) {
                String tag = part.trim().toLowerCase(Locale.ROOT);
                if (!tag.isEmpty()) {
                    if (tag.length() > TAG_MAX) {
                        throw ContentErrors.invalid("tags", "each tag must be at most " + TAG_MAX + " characters");
                    }
                    tags.add(tag);
                }
            }
        }
        if (tags.size() > 50) {
            throw ContentErrors.invalid("tags", "at most 50 tags in a filter");
        }
        return List.copyOf(tags);
    }

    static String title(String raw) {
        String title = raw == null ? "" : raw.strip();
        if (title.isEmpty() || title.length() > TITLE_MAX) {
            throw ContentErrors.invalid("title", "must be 1 to " + TITLE_MAX + " characters");
        }
        return title;
    }

    /** Edited tags: at most 20, each 1..40 characters once trimmed, lowercase, duplicates dropped. */
    static List<String> tags(List<String> raw) {
        if (raw.size() > TAGS_MAX) {
            throw ContentErrors.invalid("tags", "at most " + TAGS_MAX + " tags");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String value : raw) {
            String tag = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            if (tag.isEmpty() || tag.length() > TAG_MAX) {
                throw ContentErrors.invalid("tags", "each tag must be 1 to " + TAG_MAX + " characters");
            }
            tags.add(tag);
        }
        return new ArrayList<>(tags);
    }

    /** Tags that come from the generator: normalized like edited ones, invalid ones dropped instead of refused. */
    static List<String> generatedTags(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String value : raw) {
            String tag = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            if (!tag.isEmpty() && tag.length() <= TAG_MAX && tags.size() < TAGS_MAX) {
                tags.add(tag);
            }
        }
        return List.copyOf(tags);
    }
}
