package com.waqup.generation.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in script writer: offline, no network, deterministic. The seed is a hash of the job id, so one job
 * always gets the same script (a retried job writes what the first attempt wrote) while two people asking for the
 * same thing get different choices from the curated phrase library at every slot.
 * <p>
 * Steps: the length ({@link ScriptRequest#targetSeconds()}) and word rate ({@link Pace}) come from the request;
 * {@link Depth} follows from type and length; the type's composer drafts the script from the library, weaving in
 * the person's intent, feeling, time of day and place; the {@link Fitter} adds or removes units and stretches or
 * shrinks pauses until the voiced length meets the request; title and tags are derived. Details and the rules in
 * docs/script-writing.md.
 * <p>
 * The library is English; the script's {@code language} is "en" whatever the request asked for.
 */
public final class ComposerScriptWriter implements ScriptWriter {

    static final String LANGUAGE = "en";
    static final int MAX_TITLE_LENGTH = 80;

    private static final Map<String, String> TIME_WORDS = Map.of("morning", "Morning", "midday", "Midday",
            "afternoon", "Afternoon", "evening", "Evening", "night", "Night");

    private final PhraseLibrary library;

    /** Loads the phrase library from the classpath; throws if the data breaks one of its rules. */
    public ComposerScriptWriter() {
        this(PhraseLibrary.load());
    }

    ComposerScriptWriter(PhraseLibrary library) {
        this.library = library;
    }

    @Override
    public Script write(ScriptRequest request) {
        int target = request.targetSeconds();
        Depth depth = Depth.of(request.contentType(), target);
        Weaver weaver = new Weaver(library, request);
        Composer composer = switch (request.contentType()) {
            case AFFIRMATION -> new AffirmationComposer(library, weaver, request, depth);
            case GUIDED_MEDITATION -> new MeditationComposer(library, weaver, request, depth);
            case RITUAL -> new RitualComposer(library, weaver, request, depth);
        };
        List<Section> sections = new Fitter(target, request.wordsPerMinute(), pauseScale(depth, request.tone()))
                .fit(composer::draft);
        return new Script(title(request), request.contentType(), sections, tags(request), depth, target, LANGUAGE);
    }

    /**
     * How long the usual pauses are: deeper practices leave more silence, a calm or gentle tone a little more, an
     * energetic one less. Fitting keeps the length; this decides how much of it is speech.
     */
    static double pauseScale(Depth depth, String tone) {
        double byDepth = switch (depth) {
            case SHALLOW -> 0.9;
            case MEDIUM -> 1.0;
            case DEEP -> 1.25;
        };
        double byTone = tone == null ? 1.0 : switch (tone) {
            case "calm", "gentle" -> 1.1;
            case "energetic" -> 0.85;
            default -> 1.0;
        };
        return byDepth * byTone;
    }

    /**
     * The title idea from the conversation's card when there is one; otherwise the same rule the card uses: time of
     * day and the intent's title word ("Evening Wind-Down"), or the title word and the type ("Confidence Ritual").
     */
    String title(ScriptRequest request) {
        String hint = request.titleHint() == null ? "" : request.titleHint().strip().replaceAll("\\s+", " ");
        if (!hint.isEmpty()) {
            return hint.length() <= MAX_TITLE_LENGTH ? hint : hint.substring(0, MAX_TITLE_LENGTH).strip();
        }
        String focus = library.name(request.intent() == null ? "calm" : request.intent()).title();
        String time = request.timeOfDay() == null ? null : TIME_WORDS.get(request.timeOfDay());
        if (time != null) {
            return time + " " + focus;
        }
        return focus + " " + switch (request.contentType()) {
            case AFFIRMATION -> "Affirmations";
            case GUIDED_MEDITATION -> "Meditation";
            case RITUAL -> "Ritual";
        };
    }

    /**
     * Tags, in this order and without repeats: the intent, the type, the feeling, the time of day (not "anytime"),
     * the place (not "anywhere"); all as the conversation's keys.
     */
    static List<String> tags(ScriptRequest request) {
        List<String> tags = new ArrayList<>();
        add(tags, request.intent() == null ? "calm" : request.intent());
        add(tags, request.contentType().code());
        add(tags, request.emotionalContext());
        add(tags, "anytime".equals(request.timeOfDay()) ? null : request.timeOfDay());
        add(tags, "anywhere".equals(request.place()) ? null : request.place());
        return tags;
    }

    private static void add(List<String> tags, String tag) {
        if (tag != null && !tag.isBlank() && !tags.contains(tag)) {
            tags.add(tag);
        }
    }

    @Override
    public Script personalize(ScriptRequest request, Personalization personalization) {
        return new TemplatePersonalizer(library).personalize(request, personalization);
    }

    /** Intents with a curated phrase file (the others use the generic one). */
    Set<String> curatedIntents() {
        return library.curatedIntents();
    }
}
