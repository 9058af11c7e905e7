package com.waqup.audio.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private static AudioRequested with(List<AudioRequested.Segment> segments, List<String> formats, AudioRequested.BackgroundSpec bed) {
        UUID id = UUID.randomUUID();
        return new AudioRequested(id, id, UUID.randomUUID(), 1, "affirmation", null, null, bed, formats, 60.0, segments);
    }

    private static List<AudioRequested.Segment> one(String text, Double pause) {
        return List.of(new AudioRequested.Segment(0, text, pause));
    }

    @Test
    void shouldAcceptAnOrdinaryScript() {
        assertThat(RequestValidator.problem(with(one("I am calm.", 3.0), List.of("mp3", "ogg"),
                new AudioRequested.BackgroundSpec("rain", -30.0)))).isEmpty();
        assertThat(RequestValidator.problem(with(one("I am calm.", null), null, null))).isEmpty();
        assertThat(RequestValidator.problem(with(one("I am calm.", 60.0), null, null))).isEmpty();
    }

    @Test
    void shouldRefuseEmptySegments() {
        assertThat(RequestValidator.problem(with(List.of(), null, null))).contains("the request has no segments");
        assertThat(RequestValidator.problem(with(null, null, null))).isPresent();
        assertThat(RequestValidator.problem(with(one("  ", 1.0), null, null))).contains("segment 0 has no text");
    }

    @Test
    void shouldRefuseNegativeAndOverlongPauses() {
        assertThat(RequestValidator.problem(with(one("Breathe.", -1.0), null, null))).contains("segment 0 has a negative pause");
        assertThat(RequestValidator.problem(with(one("Breathe.", 60.5), null, null))).contains("segment 0 pauses longer than 60 s");
        assertThat(RequestValidator.problem(with(one("Breathe.", Double.NaN), null, null))).isPresent();
    }

    @Test
    void shouldRefuseOverlongText() {
        assertThat(RequestValidator.problem(with(one("a".repeat(5001), 0.0), null, null))).get().asString().contains("5000");
        List<AudioRequested.Segment> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(new AudioRequested.Segment(i, "b".repeat(4500), 0.0));
        }
        assertThat(RequestValidator.problem(with(many, null, null))).get().asString().contains("200000");
    }

    @Test
    void shouldRefuseUnknownFormatsAndWildBedLevels() {
        assertThat(RequestValidator.problem(with(one("Hi.", 0.0), List.of("mp3", "flac"), null))).contains("unsupported format 'flac'");
        assertThat(RequestValidator.problem(with(one("Hi.", 0.0), null, new AudioRequested.BackgroundSpec("rain", 0.0)))).isPresent();
    }
}
