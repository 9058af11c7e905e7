package com.waqup.generation.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The built-in personalization of a creator's script (offline, deterministic; the default for every writer):
 * <ul>
 * <li>the creator's words are kept, section by section and line by line (long lines split at sentence ends so no
 * segment passes {@value ScriptCheck#MAX_SEGMENT_CHARS} characters);</li>
 * <li>with a name, the practice opens with a line for the listener ("Ana, this practice is yours." plus, when their
 * intent is known, what it is for: "Let it support your sleep."), the first line that speaks to the listener in each
 * section is addressed to them by name ("Ana, breathe in slowly…"; first-person lines such as "I am calm" stay as the
 * creator wrote them) and it closes with "Well done, Ana."; without a name the opening says "This practice is yours."
 * and names the intent if known;</li>
 * <li>the pace is the buyer's: the script is fitted at their words per minute to the creator's length (its pauses
 * stretched or shrunk by one factor, {@link ScriptCheck#repairTemplate}); a slow pace that makes the speech alone
 * longer than that lengthens the practice instead of cutting the creator's words;</li>
 * <li>the title is the creator's with the name ("Evening Calm for Ana"), at most 80 characters.</li>
 * </ul>
 * Sections keep the creator's order; they carry the kind {@code body} (the library keeps a pack item's text, not its
 * section kinds), so the type's section layout is not enforced on a personalized script, every other script rule is.
 */
public final class TemplatePersonalizer {

    static final int MAX_TITLE_LENGTH = 80;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+");
    private static final Pattern FIRST_PERSON = Pattern.compile("^(I|I'm|I’m|I've|I’ve|I'll|I’ll|My|Me|We|Our)\\b.*",
            Pattern.DOTALL);

    private final PhraseLibrary library;

    TemplatePersonalizer(PhraseLibrary library) {
        this.library = library;
    }

    private static final class Standard {
        static final TemplatePersonalizer INSTANCE = new TemplatePersonalizer(PhraseLibrary.load());
    }

    /** The personalizer on the built-in phrase library (loaded once). */
    public static TemplatePersonalizer standard() {
        return Standard.INSTANCE;
    }

    public Script personalize(ScriptRequest request, Personalization p) {
        List<List<String>> paragraphs = paragraphs(p.templateText());
        if (paragraphs.isEmpty()) {
            throw new InvalidScriptException("the template has nothing to say");
        }
        String name = p.listenerName();
        List<Section> sections = new ArrayList<>();
        List<Segment> opening = new ArrayList<>();
        opening.add(new Segment(name == null ? "This practice is yours." : name + ", this practice is yours.", 2.0));
        if (request.intent() != null) {
            opening.add(new Segment("Let it support your " + library.name(request.intent()).label() + ".", 2.0));
        }
        for (int s = 0; s < paragraphs.size(); s++) {
            List<Segment> segments = new ArrayList<>();
            if (s == 0) {
                segments.addAll(opening);
            }
            boolean addressed = name == null;
            for (String line : paragraphs.get(s)) {
                String text = line;
                if (!addressed && !FIRST_PERSON.matcher(text).matches()) {
                    text = name + ", " + lowerFirst(text);
                    addressed = true;
                }
                for (String piece : split(text)) {
                    segments.add(new Segment(piece, 1.5));
                }
            }
            if (s == paragraphs.size() - 1 && name != null) {
                segments.add(new Segment("Well done, " + name + ".", 1.0));
            }
            sections.add(new Section(SectionKind.BODY, segments));
        }
        int wpm = request.wordsPerMinute();
        int words = sections.stream().mapToInt(Section::wordCount).sum();
        double speech = words * 60.0 / wpm;
        int target = request.targetSeconds();
        if (speech > target * 0.9) {
            target = (int) Math.ceil(speech / 0.8); // the buyer's slower pace: a longer practice, not fewer words
        }
        target = Math.clamp(target, ScriptRequest.MIN_SECONDS, ScriptRequest.MAX_SECONDS);
        Script draft = new Script(title(p), request.contentType(), sections, tags(request), Depth.of(request.contentType(),
                target), target, ComposerScriptWriter.LANGUAGE);
        return ScriptCheck.repairTemplate(draft, wpm);
    }

    private static String title(Personalization p) {
        String base = p.templateTitle() == null || p.templateTitle().isBlank() ? "Your Practice"
                : p.templateTitle().strip().replaceAll("\\s+", " ");
        String title = p.listenerName() == null ? base : base + " for " + p.listenerName();
        return title.length() <= MAX_TITLE_LENGTH ? title : title.substring(0, MAX_TITLE_LENGTH).strip();
    }

    private static List<String> tags(ScriptRequest request) {
        List<String> tags = new ArrayList<>();
        if (request.intent() != null) {
            tags.add(request.intent());
        }
        tags.add(request.contentType().code());
        tags.add("personalized");
        return tags;
    }

    /** Blank lines separate sections; every other line is a segment (control characters and braces removed). */
    static List<List<String>> paragraphs(String text) {
        List<List<String>> paragraphs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String raw : text.split("\\R", -1)) {
            String line = raw.replaceAll("[\\p{Cntrl}{}]", " ").strip().replaceAll("\\s+", " ");
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    paragraphs.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(line);
            }
        }
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        return paragraphs;
    }

    /** A line as segments of at most {@value ScriptCheck#MAX_SEGMENT_CHARS} characters, cut at sentence ends or words. */
    static List<String> split(String line) {
        if (line.length() <= ScriptCheck.MAX_SEGMENT_CHARS) {
            return List.of(line);
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (String sentence : SENTENCE_END.split(line)) {
            for (String word : sentence.length() <= ScriptCheck.MAX_SEGMENT_CHARS ? List.of(sentence)
                    : List.of(sentence.split(" "))) {
                if (piece.length() > 0 && piece.length() + 1 + word.length() > ScriptCheck.MAX_SEGMENT_CHARS) {
                    pieces.add(piece.toString());
                    piece.setLength(0);
                }
                if (piece.length() > 0) {
                    piece.append(' ');
                }
                piece.append(word.length() > ScriptCheck.MAX_SEGMENT_CHARS
                        ? word.substring(0, ScriptCheck.MAX_SEGMENT_CHARS) : word);
            }
        }
        if (piece.length() > 0) {
            pieces.add(piece.toString());
        }
        return pieces;
    }

    private static String lowerFirst(String text) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && !Character.isUpperCase(text.charAt(1))) {
            return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
        }
        return text;
    }
}
