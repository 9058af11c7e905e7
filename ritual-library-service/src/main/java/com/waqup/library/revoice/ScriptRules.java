package com.waqup.library.revoice;

import java.util.List;
import java.util.Locale;

import com.waqup.common.error.DomainException;

/**
 * What an edited script must be (docs/library.md): 1–{@value #MAX_SEGMENTS} segments, none empty, each at most
 * {@value #MAX_TEXT} characters; {@code pause_after} 0–{@value #MAX_PAUSE} s; and a total length within the content
 * type's limits widened by 10 %. A practice lasts 1–60 minutes (the conversation's limits, the same for every type),
 * so the script, measured at the reference rate of {@value #REFERENCE_WPM} words per minute (the platform's
 * {@code moderate} pace) plus its pauses, must last {@value #MIN_SECONDS} × 0.9 to {@value #MAX_SECONDS} × 1.1
 * seconds. The pace is chosen when the script is voiced, so the length is checked at the reference rate.
 */
final class ScriptRules {

    static final int MAX_SEGMENTS = 2000;
    static final int MAX_TEXT = 5000;
    static final double MAX_PAUSE = 60.0;
    static final int REFERENCE_WPM = 130;
    static final int MIN_SECONDS = 60;
    static final int MAX_SECONDS = 3600;
    static final double TOLERANCE = 0.10;

    private ScriptRules() {
    }

    record EditedSegment(String text, double pauseAfter) {
    }

    /** The segments, trimmed, or a 400 naming the field ({@code segments[3].text}, {@code segments}). */
    static List<EditedSegment> validate(List<RevoiceController.SegmentBody> segments) {
        if (segments == null || segments.isEmpty()) {
            throw DomainException.invalidField("segments", "must contain at least one segment");
        }
        if (segments.size() > MAX_SEGMENTS) {
            throw DomainException.invalidField("segments", "must contain at most " + MAX_SEGMENTS + " segments");
        }
        for (int i = 0; i < segments.size(); i++) {
            RevoiceController.SegmentBody s = segments.get(i);
            String field = "segments[" + i + "]";
            if (s == null) {
                throw DomainException.invalidField(field, "must not be null");
            }
            if (s.text() == null || s.text().isBlank()) {
                throw DomainException.invalidField(field + ".text", "must not be empty");
            }
            if (s.text().strip().length() > MAX_TEXT) {
                throw DomainException.invalidField(field + ".text", "must be at most " + MAX_TEXT + " characters");
            }
            if (s.pauseAfter() == null || !(s.pauseAfter() >= 0) || s.pauseAfter() > MAX_PAUSE) {
                throw DomainException.invalidField(field + ".pause_after", "must be between 0 and " + (int) MAX_PAUSE
                        + " seconds");
            }
        }
        List<EditedSegment> edited = segments.stream()
                .map(s -> new EditedSegment(s.text().strip(), s.pauseAfter())).toList();
        double seconds = seconds(edited);
        double min = MIN_SECONDS * (1 - TOLERANCE);
        double max = MAX_SECONDS * (1 + TOLERANCE);
        if (seconds < min || seconds > max) {
            throw DomainException.invalidField("segments", String.format(Locale.ROOT,
                    "the script lasts about %.0f s; a practice lasts %.0f to %.0f s", seconds, min, max));
        }
        return edited;
    }

    /** The length at the reference rate: words × 60 / {@value #REFERENCE_WPM} + every pause. */
    static double seconds(List<EditedSegment> segments) {
        long words = segments.stream().mapToLong(s -> words(s.text())).sum();
        double pauses = segments.stream().mapToDouble(EditedSegment::pauseAfter).sum();
        return words * 60.0 / REFERENCE_WPM + pauses;
    }

    /** Whitespace-separated tokens with a letter or a digit, as the script writer counts them. */
    static long words(String text) {
        long count = 0;
        for (String token : text.strip().split("\\s+")) {
            if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
                count++;
            }
        }
        return count;
    }
}
