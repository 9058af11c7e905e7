package com.waqup.generation.script;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How far a practice takes the person, assigned by the system (never asked for): by length, with guided
 * meditations one step deeper than the other types because their whole purpose is to induce a state.
 * <pre>
 *   length           affirmation, ritual   guided meditation
 *   up to 5 min      shallow               medium
 *   up to 15 min     medium                deep
 *   longer           deep                  deep
 * </pre>
 * The composer also reads it: deeper scripts leave longer silences and repeat affirmations more often.
 */
public enum Depth {
    SHALLOW, MEDIUM, DEEP;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Depth of(ScriptType type, int targetSeconds) {
        Depth byLength = targetSeconds <= 300 ? SHALLOW : targetSeconds <= 900 ? MEDIUM : DEEP;
        return type == ScriptType.GUIDED_MEDITATION ? byLength.deeper() : byLength;
    }

    Depth deeper() {
        return this == SHALLOW ? MEDIUM : DEEP;
    }
}
