package com.waqup.generation.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The composer's curated phrases, kept as data under {@code src/main/resources/phrases/} (format and rules in
 * docs/script-writing.md):
 * <ul>
 * <li>{@code intents.txt}: every intent key the conversation knows, with the label said in scripts and the title
 * word;</li>
 * <li>{@code intents/<key>.txt}: the curated lines of one intent, per type (affirmation statements, meditation
 * phases, ritual identities and steps);</li>
 * <li>{@code generic.txt}: the same slots written around {@code {intent}}, for intents without a curated file;</li>
 * <li>{@code common.txt}: what every intent shares (openings, feelings, breath, body parts, rests, holds,
 * closings, and how times of day, places and feelings are said).</li>
 * </ul>
 * Loading checks every rule a script relies on (first-person affirmations, "I am someone who…" identities,
 * "action | anchor" steps, known placeholders, minimum counts) and fails with the file and line, so a bad edit to
 * the data breaks the build's tests instead of a person's practice.
 */
final class PhraseLibrary {

    static final String ROOT = "phrases/";

    /** Slots every curated intent file (and generic.txt) fills, with the fewest lines each needs. */
    static final Map<String, Integer> INTENT_SLOTS = orderedMap(
            "affirmation", 12,
            "meditation.settling", 3,
            "meditation.breath", 3,
            "meditation.body", 3,
            "meditation.visualization", 6,
            "ritual.identity", 5,
            "ritual.step", 4);

    /** Optional intent slots: override the common lines of the same name. */
    static final Set<String> OPTIONAL_INTENT_SLOTS = Set.of("meditation.return", "meditation.closing");

    static final Map<String, Integer> COMMON_SLOTS = orderedMap(
            "time", 6, "place", 6, "feeling", 11,
            "affirmation.arrive", 6, "affirmation.context", 5, "affirmation.intent", 5,
            "affirmation.feeling.difficult", 4, "affirmation.feeling.easy", 3, "affirmation.general", 4,
            "affirmation.closing", 4,
            "meditation.arrive", 6, "meditation.context", 5, "meditation.intent", 5,
            "meditation.feeling.difficult", 4, "meditation.feeling.easy", 3, "meditation.settling", 5,
            "meditation.breath.in", 5, "meditation.breath.out", 5, "meditation.body.part", 10,
            "meditation.body.template", 6, "meditation.visualization", 5, "meditation.rest", 5,
            "meditation.return", 4, "meditation.closing", 4, "meditation.return.night", 3, "meditation.closing.night", 3,
            "ritual.arrive", 6, "ritual.context", 5, "ritual.intent", 5,
            "ritual.feeling.difficult", 4, "ritual.feeling.easy", 3, "ritual.identity", 4, "ritual.step", 6,
            "ritual.hold", 5, "ritual.closing", 4);

    /** Longest line a phrase may have: short lines keep one-minute scripts possible and sound natural. */
    static final int MAX_WORDS = 28;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final Set<String> INTENT_FILE_PLACEHOLDERS = Set.of("intent");
    private static final Set<String> COMMON_PLACEHOLDERS = Set.of("intent", "feeling", "time", "when_where", "part");

    /** How an intent is named: in sentences ("winding down") and in titles ("Wind-Down"). */
    record IntentName(String key, String label, String title) {
    }

    private final Map<String, IntentName> names;
    private final Map<String, List<String>> common;
    private final Map<String, List<String>> generic;
    private final Map<String, Map<String, List<String>>> curated;

    private PhraseLibrary(Map<String, IntentName> names, Map<String, List<String>> common,
            Map<String, List<String>> generic, Map<String, Map<String, List<String>>> curated) {
        this.names = names;
        this.common = common;
        this.generic = generic;
        this.curated = curated;
    }

    /** The library on the classpath; throws {@link IllegalStateException} if any file breaks a rule. */
    static PhraseLibrary load() {
        ClassLoader loader = PhraseLibrary.class.getClassLoader();
        Map<String, IntentName> names = new LinkedHashMap<>();
        Map<String, List<String>> index = parse(loader, ROOT + "intents.txt");
        for (String line : required(index, "intents", 1, "intents.txt")) {
            String[] cols = columns(line, 3, "intents.txt");
            names.put(cols[0], new IntentName(cols[0], cols[1], cols[2]));
        }
        Map<String, List<String>> common = parse(loader, ROOT + "common.txt");
        COMMON_SLOTS.forEach((slot, min) -> required(common, slot, min, "common.txt"));
        check("common.txt", common, COMMON_PLACEHOLDERS);
        Map<String, List<String>> generic = parse(loader, ROOT + "generic.txt");
        checkIntentFile("generic.txt", generic);
        Map<String, Map<String, List<String>>> curated = new LinkedHashMap<>();
        for (String key : names.keySet()) {
            String path = ROOT + "intents/" + key + ".txt";
            if (loader.getResource(path) != null) {
                Map<String, List<String>> slots = parse(loader, path);
                checkIntentFile(path, slots);
                curated.put(key, slots);
            }
        }
        return new PhraseLibrary(Collections.unmodifiableMap(names), common, generic, Collections.unmodifiableMap(curated));
    }

    /** Intents with their own curated file, in the order of {@code intents.txt}. */
    Set<String> curatedIntents() {
        return curated.keySet();
    }

    /** Every intent key the library can name. */
    Set<String> knownIntents() {
        return names.keySet();
    }

    /** The intent as said in a sentence: its label, or the key with spaces for an intent the library does not know. */
    IntentName name(String intent) {
        IntentName known = names.get(intent);
        if (known != null) {
            return known;
        }
        String label = intent.replace('_', ' ').replace('-', ' ').trim();
        return new IntentName(intent, label, titleCase(label));
    }

    /** An intent slot: the intent's curated lines, or generic.txt's for an intent without a file. */
    List<String> intent(String intent, String slot) {
        Map<String, List<String>> own = curated.get(intent);
        if (own != null && own.containsKey(slot)) {
            return own.get(slot);
        }
        return generic.getOrDefault(slot, List.of());
    }

    /** Whether the intent's own file (not generic.txt) fills an optional slot such as {@code meditation.return}. */
    boolean overrides(String intent, String slot) {
        Map<String, List<String>> own = curated.get(intent);
        return own != null && own.containsKey(slot);
    }

    List<String> common(String slot) {
        List<String> lines = common.get(slot);
        if (lines == null) {
            throw new IllegalArgumentException("common.txt has no [" + slot + "]");
        }
        return lines;
    }

    // ---- loading and rules ---------------------------------------------------------------------------------

    private static void checkIntentFile(String file, Map<String, List<String>> slots) {
        INTENT_SLOTS.forEach((slot, min) -> required(slots, slot, min, file));
        checkIntentRules(file, slots);
    }

    /** The rules for the lines of an intent file (known sections and placeholders, affirmations, ritual lines). */
    static void checkIntentRules(String file, Map<String, List<String>> slots) {
        for (String slot : slots.keySet()) {
            if (!INTENT_SLOTS.containsKey(slot) && !OPTIONAL_INTENT_SLOTS.contains(slot)) {
                throw new IllegalStateException(file + ": unknown section [" + slot + "]");
            }
        }
        check(file, slots, INTENT_FILE_PLACEHOLDERS);
        for (String line : slots.getOrDefault("ritual.identity", List.of())) {
            if (!line.startsWith("I am someone who ")) {
                throw new IllegalStateException(file + " [ritual.identity]: must start with \"I am someone who\": " + line);
            }
        }
        for (String line : slots.getOrDefault("ritual.step", List.of())) {
            columns(line, 2, file + " [ritual.step]");
        }
    }

    private static void check(String file, Map<String, List<String>> slots, Set<String> placeholders) {
        slots.forEach((slot, lines) -> {
            for (String line : lines) {
                Matcher m = PLACEHOLDER.matcher(line);
                while (m.find()) {
                    if (!placeholders.contains(m.group(1))) {
                        throw new IllegalStateException(file + " [" + slot + "]: unknown placeholder {" + m.group(1) + "} in: " + line);
                    }
                }
                if (line.contains("{") && PLACEHOLDER.matcher(line).replaceAll("").contains("{")) {
                    throw new IllegalStateException(file + " [" + slot + "]: malformed placeholder in: " + line);
                }
                for (String part : line.split("\\|")) {
                    if (Segment.words(part) > MAX_WORDS) {
                        throw new IllegalStateException(file + " [" + slot + "]: more than " + MAX_WORDS + " words: " + line);
                    }
                }
                if (slot.equals("affirmation") || slot.startsWith("affirmation.")) {
                    firstPersonPresent(file, slot, line, slot.equals("affirmation") || slot.equals("affirmation.general"));
                }
            }
        });
    }

    /**
     * Affirmation scripts are said by the person, about now: statements start with "I", every other line speaks in
     * the first person, and none speaks of a future or to a "you".
     */
    private static void firstPersonPresent(String file, String slot, String line, boolean statement) {
        String lower = " " + line.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ") + " ";
        if (statement ? !line.startsWith("I ") && !line.startsWith("I'm ")
                : !(" " + line + " ").matches(".*[^A-Za-z](I|I'm|my|My|me|myself)[^A-Za-z].*")) {
            throw new IllegalStateException(file + " [" + slot + "]: " + (statement ? "an affirmation starts with \"I\": "
                    : "affirmation lines speak in the first person: ") + line);
        }
        for (String banned : List.of(" will ", " i'll ", " going to ", " you ", " your ", " you're ", " someday ")) {
            if (lower.contains(banned)) {
                throw new IllegalStateException(file + " [" + slot + "]: an affirmation is first person and present tense ("
                        + banned.trim() + "): " + line);
            }
        }
    }

    static String[] columns(String line, int count, String where) {
        String[] cols = line.split("\\s*\\|\\s*", -1);
        if (cols.length != count) {
            throw new IllegalStateException(where + ": expected " + count + " columns separated by '|': " + line);
        }
        for (int i = 0; i < cols.length; i++) {
            cols[i] = cols[i].trim();
        }
        return cols;
    }

    private static List<String> required(Map<String, List<String>> slots, String slot, int min, String file) {
        List<String> lines = slots.get(slot);
        if (lines == null || lines.size() < min) {
            throw new IllegalStateException(file + ": [" + slot + "] needs at least " + min + " lines, has "
                    + (lines == null ? 0 : lines.size()));
        }
        return lines;
    }

    /**
     * The format: {@code [slot]} starts a section, every other non-blank line is one phrase of the current
     * section, {@code #} starts a comment line. A slot may appear once per file.
     */
    static Map<String, List<String>> parse(ClassLoader loader, String path) {
        String text;
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing phrase file " + path);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(text, path);
    }

    static Map<String, List<String>> parse(String text, String path) {
        Map<String, List<String>> slots = new LinkedHashMap<>();
        List<String> current = null;
        int number = 0;
        for (String raw : text.split("\\R")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String slot = line.substring(1, line.length() - 1).trim();
                if (slots.containsKey(slot)) {
                    throw new IllegalStateException(path + ":" + number + ": [" + slot + "] appears twice");
                }
                current = new ArrayList<>();
                slots.put(slot, current);
                continue;
            }
            if (current == null) {
                throw new IllegalStateException(path + ":" + number + ": a phrase before any [section]");
            }
            if (current.contains(line)) {
                throw new IllegalStateException(path + ":" + number + ": duplicate phrase: " + line);
            }
            current.add(line);
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        slots.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }

    static String titleCase(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }

    private static Map<String, Integer> orderedMap(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
