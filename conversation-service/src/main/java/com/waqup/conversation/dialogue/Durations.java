package com.waqup.conversation.dialogue;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a practice length from plain language: "10 minutes", "ten min", "a quarter of an hour", "half an
 * hour", "90 seconds", "1.5 hours", "short", "long". Practices last 1 to 60 minutes; longer or shorter asks
 * are clamped (and the dialogue says so).
 */
public final class Durations {

    public static final int MIN_SECONDS = 60;
    public static final int MAX_SECONDS = 3600;

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("one", 1), Map.entry("a", 1),
            Map.entry("an", 1), Map.entry("two", 2), Map.entry("couple of", 2), Map.entry("a couple of", 2),
            Map.entry("three", 3), Map.entry("few", 3), Map.entry("a few", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("fifteen", 15), Map.entry("twenty", 20),
            Map.entry("twenty five", 25), Map.entry("twenty-five", 25), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("forty five", 45), Map.entry("forty-five", 45), Map.entry("sixty", 60));

    private static final String NUMBER_WORDS = "a couple of|couple of|a few|few|twenty[ -]five|forty[ -]five|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|sixty|an|a";
    private static final Pattern NUMERIC = Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*(-\\s*)?(seconds?|secs?|s\\b|minutes?|mins?|m\\b|hours?|hrs?|h\\b)");
    private static final Pattern WORDS = Pattern.compile("\\b(" + NUMBER_WORDS + ")\\s+(seconds?|secs?|minutes?|mins?|hours?|hrs?)\\b");
    private static final Pattern QUARTER = Pattern.compile("\\bquarter (?:of an )?hour\\b");
    private static final Pattern HALF = Pattern.compile("\\bhalf (?:an )?hour\\b|\\bhalf-hour\\b");
    private static final Pattern THREE_QUARTERS = Pattern.compile("\\bthree quarters of an hour\\b");
    private static final Pattern SHORT = Pattern.compile("\\b(short|quick|brief|shorter|little one|not long)\\b");
    private static final Pattern MEDIUM = Pattern.compile("\\b(medium|moderate length|not too long)\\b");
    private static final Pattern LONG = Pattern.compile("\\b(long|longer|extended|deep dive)\\b");

    private Durations() {
    }

    /** Seconds, unclamped (so the dialogue can tell the person it adjusted the length), or empty. */
    public static Optional<Integer> parse(String text, ContentType type) {
        String t = text.toLowerCase(Locale.ROOT);
        Matcher m = THREE_QUARTERS.matcher(t);
        if (m.find()) {
            return Optional.of(45 * 60);
        }
        m = NUMERIC.matcher(t);
        if (m.find()) {
            double value = Double.parseDouble(m.group(1).replace(',', '.'));
            return Optional.of((int) Math.round(value * unit(m.group(3))));
        }
        if (QUARTER.matcher(t).find()) {
            return Optional.of(15 * 60);
        }
        if (HALF.matcher(t).find()) {
            return Optional.of(30 * 60);
        }
        m = WORDS.matcher(t);
        if (m.find()) {
            return Optional.of(NUMBERS.get(m.group(1).replace('-', ' ').replace("  ", " ")) * unit(m.group(2)));
        }
        if (Pattern.compile("\\b(an|one) hour\\b").matcher(t).find()) {
            return Optional.of(60 * 60);
        }
        if (SHORT.matcher(t).find()) {
            return Optional.of(type == ContentType.GUIDED_MEDITATION ? 300 : 120);
        }
        if (MEDIUM.matcher(t).find()) {
            return Optional.of(600);
        }
        if (LONG.matcher(t).find()) {
            return Optional.of(1200);
        }
        return Optional.empty();
    }

    private static int unit(String unit) {
        if (unit.startsWith("h")) {
            return 3600;
        }
        if (unit.startsWith("s")) {
            return 1;
        }
        return 60;
    }

    public static int clamp(int seconds) {
        return Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, seconds));
    }

    /** "10 minutes", "1 minute", "1 minute 30 seconds". */
    public static String describe(int seconds) {
        int minutes = seconds / 60;
        int rest = seconds % 60;
        String text = minutes == 1 ? "1 minute" : minutes + " minutes";
        if (minutes == 0) {
            return rest + " seconds";
        }
        return rest == 0 ? text : text + " " + rest + " seconds";
    }
}
