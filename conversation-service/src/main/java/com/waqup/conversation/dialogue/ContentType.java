package com.waqup.conversation.dialogue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The three kinds of practice a conversation can create. */
public enum ContentType {
    AFFIRMATION("affirmation", "affirmation set", 180),
    GUIDED_MEDITATION("guided_meditation", "guided meditation", 600),
    RITUAL("ritual", "ritual", 300);

    private final String code;
    private final String label;
    private final int defaultSeconds;

    ContentType(String code, String label, int defaultSeconds) {
        this.code = code;
        this.label = label;
        this.defaultSeconds = defaultSeconds;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The duration offered when the person leaves it to us. */
    public int defaultSeconds() {
        return defaultSeconds;
    }

    public static Optional<ContentType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code == null ? "" : code.toLowerCase(Locale.ROOT))).findFirst();
    }
}
