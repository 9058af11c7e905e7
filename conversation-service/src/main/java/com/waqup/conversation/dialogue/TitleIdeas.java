package com.waqup.conversation.dialogue;

import java.util.Map;

/** A title idea from the focus and the time of day: "Evening Wind-Down", "Morning Confidence". */
final class TitleIdeas {

    private static final Map<String, String> TIME_WORDS = Map.of("morning", "Morning", "midday", "Midday",
            "afternoon", "Afternoon", "evening", "Evening", "night", "Night", "anytime", "Everyday");
    private static final Map<String, String> INTENT_WORDS = Map.ofEntries(Map.entry("wind_down", "Wind-Down"),
            Map.entry("sleep", "Sleep"), Map.entry("anxiety", "Ease"), Map.entry("stress", "Release"),
            Map.entry("self_worth", "Worth"), Map.entry("self_compassion", "Kindness"), Map.entry("letting_go", "Letting Go"),
            Map.entry("morning_routine", "Rise"), Map.entry("inner_peace", "Peace"), Map.entry("pain_relief", "Relief"),
            Map.entry("public_speaking", "Voice"), Map.entry("work_performance", "Flow"), Map.entry("body_acceptance", "Body Love"),
            Map.entry("life_change", "Change"));

    private TitleIdeas() {
    }

    static String of(ContentType type, Slots slots) {
        String focus = slots.intent == null ? "Calm"
                : INTENT_WORDS.getOrDefault(slots.intent, titleCase(Lexicon.label(Lexicon.INTENTS, slots.intent)));
        String time = slots.timeOfDay == null ? null : TIME_WORDS.get(slots.timeOfDay);
        if (time != null && !"Everyday".equals(time)) {
            return time + " " + focus;
        }
        return switch (type) {
            case AFFIRMATION -> focus + " Affirmations";
            case GUIDED_MEDITATION -> focus + " Meditation";
            case RITUAL -> focus + " Ritual";
        };
    }

    private static String titleCase(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(Dialogue.capitalize(word));
        }
        return out.toString();
    }
}
