package com.waqup.generation.script;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The conversation's pace keys and the speaking rate each stands for, in words per minute. Scripts are fitted to
 * their duration at this rate, so the voice must be rendered at it too.
 * <p>
 * {@link #forPractice} is the one rule that decides the pace of a practice (script word budget, the pace sent in
 * {@code audio.requested}, the stored estimate): the person's pace when they chose one, otherwise the default of the
 * kind of practice: guided meditation and anything for sleep {@link #SLOWER}, a ritual {@link #SLOW}, an affirmation
 * set {@link #MODERATE} (steady).
 */
public enum Pace {
    SLOWER(110), SLOW(120), MODERATE(130), FAST(135), FASTER(140);

    /** Intents whose practice is listened to while falling asleep: they get the slowest default. */
    private static final Set<String> SLEEP_INTENTS = Set.of("sleep");

    private final int wordsPerMinute;

    Pace(int wordsPerMinute) {
        this.wordsPerMinute = wordsPerMinute;
    }

    public int wordsPerMinute() {
        return wordsPerMinute;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The pace of a key; an unknown or missing key is {@link #MODERATE}. */
    public static Pace of(String code) {
        return parse(code).orElse(MODERATE);
    }

    /** The pace a key names (trimmed, any case), if it names one. */
    public static Optional<Pace> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String key = code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.code().equals(key)).findFirst();
    }

    /**
     * The pace a practice is written and voiced at: {@code chosen} when it names a pace (the person's preference
     * wins), otherwise the default for the type and intent.
     */
    public static Pace forPractice(String chosen, ScriptType type, String intent) {
        return parse(chosen).orElseGet(() -> defaultFor(type, intent));
    }

    /** {@link #forPractice} for a job's stored request ({@code pace} and {@code intent} as the conversation sent them). */
    public static Pace forPractice(ScriptType type, Map<String, ?> request) {
        return forPractice(request.get("pace") instanceof String p ? p : null, type,
                request.get("intent") instanceof String i ? i : null);
    }

    /** With no pace chosen: slower for guided meditation and sleep, slow for a ritual, moderate for affirmations. */
    static Pace defaultFor(ScriptType type, String intent) {
        if (intent != null && SLEEP_INTENTS.contains(intent.strip().toLowerCase(Locale.ROOT))) {
            return SLOWER;
        }
        return switch (type) {
            case GUIDED_MEDITATION -> SLOWER;
            case RITUAL -> SLOW;
            case AFFIRMATION -> MODERATE;
        };
    }
}
