package com.waqup.generation.script;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a section of a script does. Each type uses its own kinds, always in this order:
 * <ul>
 * <li>affirmation: {@code opening}, one {@code affirmations} group per statement (the statement and its
 * repetitions), {@code closing};</li>
 * <li>guided meditation: the five phases {@code settling}, {@code breath}, {@code body}, {@code visualization},
 * {@code return}, each exactly once;</li>
 * <li>ritual: {@code opening}, one {@code step} per ordered step (the action first, then any holds, then the
 * "I am someone who…" identity line, then the anchor last), {@code closing}.</li>
 * </ul>
 */
public enum SectionKind {
    OPENING, AFFIRMATIONS, SETTLING, BREATH, BODY, VISUALIZATION, RETURN, STEP, CLOSING;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
