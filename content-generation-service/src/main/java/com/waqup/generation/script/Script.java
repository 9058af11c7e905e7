package com.waqup.generation.script;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A written practice, ready to be voiced: the {@code structure} stored with the content item. Its JSON (snake_case
 * through the platform's naming strategy) is pinned by {@code ScriptJsonTest}:
 * <pre>
 * {"title", "content_type", "sections": [{"kind", "segments": [{"text", "pause_after"}]}], "tags", "depth",
 *  "target_seconds", "language"}
 * </pre>
 * {@code targetSeconds} is the length that was asked for; {@link #estimatedSeconds(int)} is how long the script
 * lasts when voiced at a given word rate, silences included.
 */
public record Script(String title, ScriptType contentType, List<Section> sections, List<String> tags, Depth depth,
        int targetSeconds, String language) {

    public Script {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(language, "language");
        sections = List.copyOf(sections);
        tags = List.copyOf(tags);
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("a script has at least one section");
        }
        if (targetSeconds <= 0) {
            throw new IllegalArgumentException("target_seconds must be positive");
        }
    }

    /** Everything said, segment by segment on its own line, a blank line between sections. */
    public String plainText() {
        return sections.stream()
                .map(s -> s.segments().stream().map(Segment::text).collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n\n"));
    }

    public int wordCount() {
        return sections.stream().mapToInt(Section::wordCount).sum();
    }

    /** All silences together, in seconds. */
    public double pauseSeconds() {
        return sections.stream().mapToDouble(Section::pauseSeconds).sum();
    }

    /** The voiced length: {@code words / wordsPerMinute × 60 + Σ pause_after}. */
    public double estimatedSeconds(int wordsPerMinute) {
        if (wordsPerMinute <= 0) {
            throw new IllegalArgumentException("words per minute must be positive");
        }
        return wordCount() * 60.0 / wordsPerMinute + pauseSeconds();
    }
}
