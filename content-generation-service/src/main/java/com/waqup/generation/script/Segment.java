package com.waqup.generation.script;

import java.util.Objects;

/**
 * One thing said, then a silence: {@code pauseAfter} seconds (JSON {@code pause_after}) that audio-generation
 * renders as real silence after the spoken text.
 */
public record Segment(String text, double pauseAfter) {

    public Segment {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a segment says something");
        }
        if (!(pauseAfter >= 0) || Double.isInfinite(pauseAfter)) {
            throw new IllegalArgumentException("pause_after is a number of seconds >= 0, not " + pauseAfter);
        }
    }

    /** Words as a speaker counts them: whitespace-separated tokens that contain a letter or a digit. */
    public int wordCount() {
        return words(text);
    }

    static int words(String text) {
        int count = 0;
        boolean inToken = false;
        boolean counted = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c)) {
                inToken = false;
                continue;
            }
            if (!inToken) {
                inToken = true;
                counted = false;
            }
            if (!counted && Character.isLetterOrDigit(c)) {
                count++;
                counted = true;
            }
        }
        return count;
    }
}
