package com.waqup.conversation.dialogue;

import java.util.Locale;
import java.util.Set;

/**
 * The pace a practice gets when the person chose none (neither in the dialogue nor in their profile): a copy of
 * content-generation's {@code Pace.defaultFor}, which decides it for real (the conversation then sends no pace).
 * This copy only names it on the personalization question and the confirmation card, so what the person is told is
 * what they get; {@code DefaultPaceCopyTest} compares the two.
 */
public final class DefaultPace {

    /** Intents whose practice is listened to while falling asleep: they get the slowest default. */
    private static final Set<String> SLEEP_INTENTS = Set.of("sleep");

    private DefaultPace() {
    }

    /** Slower for guided meditation and sleep, slow for a ritual, moderate for affirmations. */
    public static String of(ContentType type, String intent) {
        if (intent != null && SLEEP_INTENTS.contains(intent.strip().toLowerCase(Locale.ROOT))) {
            return "slower";
        }
        return switch (type) {
            case GUIDED_MEDITATION -> "slower";
            case RITUAL -> "slow";
            case AFFIRMATION -> "moderate";
        };
    }
}
