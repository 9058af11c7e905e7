package com.waqup.audio.job;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The limits of an {@code audio.requested} this service accepts; a request outside them fails at once with
 * {@code INVALID_REQUEST} (no retry: it would fail the same way).
 */
final class RequestValidator {

    static final int MAX_SEGMENTS = 2000;
    static final int MAX_SEGMENT_CHARS = 5000;
    static final int MAX_TOTAL_CHARS = 200_000;
    static final double MAX_PAUSE_SECONDS = 60;
    static final double MIN_LEVEL_DB = -60;
    static final double MAX_LEVEL_DB = -6;
    static final Set<String> FORMATS = Set.of("mp3", "ogg");

    private RequestValidator() {
    }

    /** The first problem found, as a reason safe to publish; empty when the request is acceptable. */
    static Optional<String> problem(AudioRequested r) {
        List<AudioRequested.Segment> segments = r.segments();
        if (segments == null || segments.isEmpty()) {
            return Optional.of("the request has no segments");
        }
        if (segments.size() > MAX_SEGMENTS) {
            return Optional.of("more than " + MAX_SEGMENTS + " segments");
        }
        long total = 0;
        for (int i = 0; i < segments.size(); i++) {
            AudioRequested.Segment s = segments.get(i);
            if (s == null || s.text() == null || s.text().isBlank()) {
                return Optional.of("segment " + i + " has no text");
            }
            if (s.text().length() > MAX_SEGMENT_CHARS) {
                return Optional.of("segment " + i + " is longer than " + MAX_SEGMENT_CHARS + " characters");
            }
            total += s.text().length();
            double pause = s.pauseAfter() == null ? 0 : s.pauseAfter();
            if (Double.isNaN(pause) || pause < 0) {
                return Optional.of("segment " + i + " has a negative pause");
            }
            if (pause > MAX_PAUSE_SECONDS) {
                return Optional.of("segment " + i + " pauses longer than " + (int) MAX_PAUSE_SECONDS + " s");
            }
        }
        if (total > MAX_TOTAL_CHARS) {
            return Optional.of("the script is longer than " + MAX_TOTAL_CHARS + " characters");
        }
        if (r.formats() != null) {
            for (String f : r.formats()) {
                if (f == null || !FORMATS.contains(f)) {
                    return Optional.of("unsupported format " + (f == null ? "null" : "'" + f.replaceAll("[^a-z0-9]", "") + "'"));
                }
            }
        }
        if (r.background() != null && r.background().levelDb() != null) {
            double level = r.background().levelDb();
            if (Double.isNaN(level) || level < MIN_LEVEL_DB || level > MAX_LEVEL_DB) {
                return Optional.of("background level must be between " + (int) MIN_LEVEL_DB + " and " + (int) MAX_LEVEL_DB + " dB");
            }
        }
        return Optional.empty();
    }
}
