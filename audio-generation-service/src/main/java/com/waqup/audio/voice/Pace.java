package com.waqup.audio.voice;

import java.util.Arrays;
import java.util.Locale;

/**
 * The pace keys of the contract and the speaking rate each stands for, in words per minute. These are the rates
 * content-generation sizes scripts with (its own {@code Pace}), so the voice must be rendered at exactly these
 * rates for the requested duration to hold. Unknown or missing → {@link #MODERATE}.
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

    public static Pace of(String code) {
        if (code == null) {
            return MODERATE;
        }
        String key = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.name().toLowerCase(Locale.ROOT).equals(key)).findFirst().orElse(MODERATE);
    }
}
