package com.waqup.generation.script;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the person's own words into phrases: {@code {intent}} (the intent as said: "winding down"),
 * {@code {feeling}} ("restless"), {@code {time}} ("this evening"), and {@code {when_where}}, the place and the time
 * of day together, in the script's person ("as you lie in bed this evening" in a meditation, "as I lie in bed this
 * evening" in an affirmation, "this evening" without a place, "as you lie in bed" without a time). A phrase whose
 * placeholder has no value (no feeling was given, the time is "anytime") is not usable and is never dealt.
 */
final class Weaver {

    enum Person { I, YOU }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private final String intent;
    private final String feeling;
    private final boolean difficultFeeling;
    private final String time;
    private final String placeYou;
    private final String placeI;

    Weaver(PhraseLibrary library, ScriptRequest request) {
        this.intent = library.name(request.intent() == null ? "calm" : request.intent()).label();
        Map<String, String[]> feelings = table(library, "feeling", 3);
        String[] f = request.emotionalContext() == null ? null : feelings.get(request.emotionalContext());
        this.feeling = f == null ? null : f[1];
        this.difficultFeeling = f != null && f[2].equals("difficult");
        String[] t = request.timeOfDay() == null ? null : table(library, "time", 2).get(request.timeOfDay());
        this.time = t == null || t[1].isEmpty() ? null : t[1];
        String[] p = request.place() == null ? null : table(library, "place", 3).get(request.place());
        this.placeYou = p == null ? null : p[1];
        this.placeI = p == null ? null : p[2];
    }

    private static Map<String, String[]> table(PhraseLibrary library, String slot, int columns) {
        Map<String, String[]> rows = new HashMap<>();
        for (String line : library.common(slot)) {
            String[] cols = PhraseLibrary.columns(line, columns, "common.txt [" + slot + "]");
            rows.put(cols[0], cols);
        }
        return rows;
    }

    String intent() {
        return intent;
    }

    Optional<String> feeling() {
        return Optional.ofNullable(feeling);
    }

    /** "difficult" or "easy": which feeling lines fit (anxious, low… or hopeful, calm). */
    String feelingKind() {
        return difficultFeeling ? "difficult" : "easy";
    }

    Optional<String> time() {
        return Optional.ofNullable(time);
    }

    Optional<String> whenWhere(Person person) {
        String place = person == Person.I ? placeI : placeYou;
        if (place == null) {
            return time();
        }
        return Optional.of(time == null ? place : place + " " + time);
    }

    /** The phrases of a slot that can be said for this person, already woven. */
    List<String> usable(List<String> templates, Person person) {
        return templates.stream().map(t -> weave(t, person)).flatMap(Optional::stream).toList();
    }

    /** The phrase with every placeholder filled and its first letter capitalized, or empty if one has no value. */
    Optional<String> weave(String template, Person person) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Optional<String> value = switch (m.group(1)) {
                case "intent" -> Optional.of(intent);
                case "feeling" -> feeling();
                case "time" -> time();
                case "when_where" -> whenWhere(person);
                default -> throw new IllegalArgumentException("{" + m.group(1) + "} is filled by the composer");
            };
            if (value.isEmpty()) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.get()));
        }
        m.appendTail(out);
        return Optional.of(capitalize(out.toString()));
    }

    static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
