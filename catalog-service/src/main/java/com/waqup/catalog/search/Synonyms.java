package com.waqup.catalog.search;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The domain's small synonym set, applied when searching (not when indexing, so a change needs no reindex): a word of
 * a group also finds packs that use the group's other words, scored a little below the word itself. Groups are
 * bidirectional; one-word entries only (docs/catalog.md lists them).
 */
public final class Synonyms {

    static final List<List<String>> GROUPS = List.of(
            List.of("sleep", "insomnia", "rest", "bedtime", "asleep", "sleepless"),
            List.of("anxiety", "worry", "calm", "anxious", "stress", "panic", "nervous"),
            List.of("focus", "concentration", "attention", "productivity", "clarity"),
            List.of("morning", "sunrise", "wake", "dawn"),
            List.of("evening", "night", "sunset", "bedtime"),
            List.of("energy", "energize", "vitality", "motivation"),
            List.of("gratitude", "thankful", "grateful", "appreciation"),
            List.of("confidence", "selfesteem", "courage", "empowerment"),
            List.of("breath", "breathing", "breathwork", "pranayama"),
            List.of("meditation", "mindfulness", "meditate"),
            List.of("relax", "relaxation", "unwind", "release", "soothe"),
            List.of("heal", "healing", "recovery"),
            List.of("love", "compassion", "kindness", "metta"),
            List.of("sadness", "grief", "loss", "sorrow"));

    private static final Map<String, Set<String>> BY_WORD = index();

    private Synonyms() {
    }

    private static Map<String, Set<String>> index() {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        for (List<String> group : GROUPS) {
            for (String word : group) {
                Set<String> others = map.computeIfAbsent(word, w -> new LinkedHashSet<>());
                group.stream().filter(o -> !o.equals(word)).forEach(others::add);
            }
        }
        return map;
    }

    /** The other words of every group {@code word} (folded, lower case) belongs to; empty when none. */
    public static Set<String> of(String word) {
        return BY_WORD.getOrDefault(word, Set.of());
    }
}
