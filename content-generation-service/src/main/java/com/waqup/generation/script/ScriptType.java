package com.waqup.generation.script;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kind of practice a script is written for; the code is the wire value and matches the job's
 * {@code content_type} ({@code affirmation}, {@code guided_meditation}, {@code ritual}).
 */
public enum ScriptType {
    AFFIRMATION, GUIDED_MEDITATION, RITUAL;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ScriptType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst();
    }

    /** The length a request without a usable {@code duration_seconds} gets (the conversation's defaults). */
    int defaultSeconds() {
        return switch (this) {
            case AFFIRMATION -> 180;
            case GUIDED_MEDITATION -> 600;
            case RITUAL -> 300;
        };
    }
}
