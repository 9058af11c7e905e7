package com.waqup.generation.script;

import java.util.List;
import java.util.Objects;

/** A part of a script with one purpose (see {@link SectionKind}), said as a sequence of segments. */
public record Section(SectionKind kind, List<Segment> segments) {

    public Section {
        Objects.requireNonNull(kind, "kind");
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a section has at least one segment");
        }
    }

    public int wordCount() {
        return segments.stream().mapToInt(Segment::wordCount).sum();
    }

    public double pauseSeconds() {
        return segments.stream().mapToDouble(Segment::pauseAfter).sum();
    }
}
