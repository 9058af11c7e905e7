package com.waqup.generation.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules every script must meet before it is voiced, whoever wrote it (the composer meets them by
 * construction; an LLM may not):
 * <ul>
 * <li>the type's sections in the type's order: affirmation {@code opening? affirmations+ closing?}; guided
 * meditation {@code settling breath body visualization return}, each once; ritual {@code opening? step+ closing?};</li>
 * <li>every segment says something: at most {@value #MAX_SEGMENT_CHARS} characters, no placeholder braces, no
 * control characters; at most {@value #MAX_SEGMENTS} segments;</li>
 * <li>affirmation groups start with a first-person statement ("I …"), every ritual step carries an identity line
 * ("I am someone who …");</li>
 * <li>pauses are 0–{@value #MAX_PAUSE} seconds;</li>
 * <li>the voiced length ({@link Script#estimatedSeconds(int)}) is within ±10 % of the target.</li>
 * </ul>
 * {@link #repair} fixes what can be fixed without changing what is said: pauses outside the bounds are clamped,
 * and all pauses are stretched or shrunk by one factor (each within the bounds) so the length meets the target.
 * Speech alone longer than the target +10 %, or too little speech to reach the target −10 % even with the
 * longest pauses, cannot be repaired.
 */
public final class ScriptCheck {

    public static final int MAX_SEGMENT_CHARS = 600;
    public static final int MAX_SEGMENTS = 2000;
    public static final double MAX_PAUSE = 60.0;
    public static final double TOLERANCE = 0.10;

    private static final Pattern FIRST_PERSON = Pattern.compile("^(I|I'm|I’m|My|Me)\\b.*", Pattern.DOTALL);
    private static final String IDENTITY = "i am someone who";

    private ScriptCheck() {
    }

    /** Throws {@link InvalidScriptException} when {@code script} breaks a rule (the length included). */
    public static void validate(Script script, int wordsPerMinute) {
        validate(script, wordsPerMinute, true);
    }

    /**
     * {@link #validate} for a personalized creator's script ({@link TemplatePersonalizer}): every rule but the type's
     * section layout, which a template (the creator's text) does not carry.
     */
    public static void validateTemplate(Script script, int wordsPerMinute) {
        validate(script, wordsPerMinute, false);
    }

    private static void validate(Script script, int wordsPerMinute, boolean layout) {
        structure(script, layout);
        for (Section section : script.sections()) {
            for (Segment segment : section.segments()) {
                if (segment.pauseAfter() > MAX_PAUSE) {
                    throw new InvalidScriptException("a pause is longer than " + MAX_PAUSE + " s");
                }
            }
        }
        double seconds = script.estimatedSeconds(wordsPerMinute);
        double target = script.targetSeconds();
        if (Math.abs(seconds - target) > target * TOLERANCE) {
            throw new InvalidScriptException(String.format(Locale.ROOT,
                    "the script lasts %.0f s, the request %d s (more than 10 %% apart)", seconds, script.targetSeconds()));
        }
    }

    /** {@code script} with its pauses fitted to the target, validated; or {@link InvalidScriptException}. */
    public static Script repair(Script script, int wordsPerMinute) {
        return repair(script, wordsPerMinute, true);
    }

    /** {@link #repair} for a personalized creator's script: the type's section layout is not required. */
    public static Script repairTemplate(Script script, int wordsPerMinute) {
        return repair(script, wordsPerMinute, false);
    }

    private static Script repair(Script script, int wordsPerMinute, boolean layout) {
        structure(script, layout);
        double target = script.targetSeconds();
        double speech = script.wordCount() * 60.0 / wordsPerMinute;
        if (speech > target * (1 + TOLERANCE)) {
            throw new InvalidScriptException(String.format(Locale.ROOT,
                    "the script's speech alone lasts %.0f s, the request %d s", speech, script.targetSeconds()));
        }
        int segments = script.sections().stream().mapToInt(s -> s.segments().size()).sum();
        double silence = Math.max(0, target - speech);
        if (speech + segments * MAX_PAUSE < target * (1 - TOLERANCE)) {
            throw new InvalidScriptException(String.format(Locale.ROOT,
                    "the script is too short: %.0f s of speech for %d s", speech, script.targetSeconds()));
        }
        double given = 0;
        for (Section section : script.sections()) {
            for (Segment segment : section.segments()) {
                given += clamp(segment.pauseAfter());
            }
        }
        // no pauses at all: share the silence evenly; otherwise one factor for all (each pause clamped)
        boolean even = given < 0.05;
        double low = 0;
        double high = even ? MAX_PAUSE : MAX_PAUSE / smallestPositive(script) + 1;
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (total(script, mid, even) < silence) {
                low = mid;
            } else {
                high = mid;
            }
        }
        double factor = (low + high) / 2;
        List<Section> sections = new ArrayList<>();
        double exact = 0;
        long roundedTenths = 0;
        for (Section section : script.sections()) {
            List<Segment> fitted = new ArrayList<>();
            for (Segment segment : section.segments()) {
                exact += pause(segment, factor, even);
                long running = Math.round(exact * 10);
                double pause = Math.min(MAX_PAUSE, (running - roundedTenths) / 10.0);
                fitted.add(new Segment(segment.text(), pause));
                roundedTenths = running;
            }
            sections.add(new Section(section.kind(), fitted));
        }
        Script repaired = new Script(script.title(), script.contentType(), sections, script.tags(), script.depth(),
                script.targetSeconds(), script.language());
        validate(repaired, wordsPerMinute, layout);
        return repaired;
    }

    private static double smallestPositive(Script script) {
        double smallest = MAX_PAUSE;
        for (Section section : script.sections()) {
            for (Segment segment : section.segments()) {
                double p = clamp(segment.pauseAfter());
                if (p > 0.05 && p < smallest) {
                    smallest = p;
                }
            }
        }
        return smallest;
    }

    private static double total(Script script, double factor, boolean even) {
        double sum = 0;
        for (Section section : script.sections()) {
            for (Segment segment : section.segments()) {
                sum += pause(segment, factor, even);
            }
        }
        return sum;
    }

    private static double pause(Segment segment, double factor, boolean even) {
        return even ? Math.min(MAX_PAUSE, factor) : Math.min(MAX_PAUSE, clamp(segment.pauseAfter()) * factor);
    }

    private static double clamp(double pause) {
        return Math.clamp(pause, 0, MAX_PAUSE);
    }

    private static void structure(Script script, boolean layout) {
        if (layout) {
            layout(script);
        }
        segments(script);
    }

    private static void layout(Script script) {
        List<SectionKind> kinds = script.sections().stream().map(Section::kind).toList();
        switch (script.contentType()) {
            case AFFIRMATION -> framed(kinds, SectionKind.AFFIRMATIONS, "affirmation");
            case RITUAL -> framed(kinds, SectionKind.STEP, "ritual");
            case GUIDED_MEDITATION -> {
                List<SectionKind> phases = List.of(SectionKind.SETTLING, SectionKind.BREATH, SectionKind.BODY,
                        SectionKind.VISUALIZATION, SectionKind.RETURN);
                if (!kinds.equals(phases)) {
                    throw new InvalidScriptException("a guided meditation has the sections settling, breath, body, "
                            + "visualization, return, once each and in that order");
                }
            }
        }
    }

    private static void segments(Script script) {
        int count = 0;
        for (Section section : script.sections()) {
            for (Segment segment : section.segments()) {
                count++;
                String text = segment.text();
                if (text.length() > MAX_SEGMENT_CHARS) {
                    throw new InvalidScriptException("a segment is longer than " + MAX_SEGMENT_CHARS + " characters");
                }
                if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
                    throw new InvalidScriptException("a segment contains a placeholder");
                }
                if (text.chars().anyMatch(c -> Character.isISOControl(c))) {
                    throw new InvalidScriptException("a segment contains control characters");
                }
            }
            if (section.kind() == SectionKind.AFFIRMATIONS
                    && !FIRST_PERSON.matcher(section.segments().getFirst().text().strip()).matches()) {
                throw new InvalidScriptException("an affirmation is not a first-person statement");
            }
            if (section.kind() == SectionKind.STEP && section.segments().stream()
                    .noneMatch(s -> s.text().strip().toLowerCase(Locale.ROOT).startsWith(IDENTITY))) {
                throw new InvalidScriptException("a ritual step has no \"I am someone who …\" line");
            }
        }
        if (count > MAX_SEGMENTS) {
            throw new InvalidScriptException("more than " + MAX_SEGMENTS + " segments");
        }
    }

    /** {@code opening? body+ closing?} */
    private static void framed(List<SectionKind> kinds, SectionKind body, String type) {
        int i = 0;
        if (i < kinds.size() && kinds.get(i) == SectionKind.OPENING) {
            i++;
        }
        int bodies = 0;
        while (i < kinds.size() && kinds.get(i) == body) {
            i++;
            bodies++;
        }
        if (i < kinds.size() && kinds.get(i) == SectionKind.CLOSING) {
            i++;
        }
        if (bodies == 0 || i != kinds.size()) {
            throw new InvalidScriptException("the " + type + " script must have an optional opening, one or more "
                    + body.code() + " sections and an optional closing, in that order");
        }
    }
}
