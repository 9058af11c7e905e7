package com.waqup.generation.script;

import java.util.Arrays;
import java.util.Locale;

/**
 * The conversation's pace keys and the speaking rate each stands for, in words per minute. Scripts are fitted to
 * their duration at this rate, so the voice must be rendered at it too. An unknown or missing pace is
 * {@link #MODERATE}.
 */
public enum Pace {
    SLOWER(110), SLOW(120), MODERATE(130), FAST(135), FASTER(140);

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

    public static Pace of(String code) {
        return Arrays.stream(values()).filter(p -> p.code().equals(code)).findFirst().orElse(MODERATE);
    }
}
