package com.waqup.generation.script;

import java.util.ArrayList;
import java.util.List;

/**
 * A script before fitting: sections of lines, each line with the kind of pause that follows it. The fitter turns
 * the pause kinds into seconds.
 */
final class Draft {

    record Line(String text, Pause pause, int words) {

        Line(String text, Pause pause) {
            this(text, pause, Segment.words(text));
        }
    }

    static final class Part {

        final SectionKind kind;
        final List<Line> lines = new ArrayList<>();

        Part(SectionKind kind) {
            this.kind = kind;
        }

        Part add(String text, Pause pause) {
            lines.add(new Line(text, pause));
            return this;
        }
    }

    final List<Part> parts = new ArrayList<>();

    Part section(SectionKind kind) {
        Part part = new Part(kind);
        parts.add(part);
        return part;
    }

    List<Line> lines() {
        return parts.stream().flatMap(p -> p.lines.stream()).toList();
    }

    int words() {
        int words = 0;
        for (Part part : parts) {
            for (Line line : part.lines) {
                words += line.words();
            }
        }
        return words;
    }
}
