package com.waqup.audio.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaceTest {

    private final EspeakSynthesizer espeak = new EspeakSynthesizer(new TtsProperties(null, null, null, null, null, null, null, null, null, null, null, null, null));

    @Test
    void shouldMapThePaceKeysToTheWordRatesScriptsAreSizedWith() {
        assertThat(Pace.of("slower").wordsPerMinute()).isEqualTo(110);
        assertThat(Pace.of("slow").wordsPerMinute()).isEqualTo(120);
        assertThat(Pace.of("moderate").wordsPerMinute()).isEqualTo(130);
        assertThat(Pace.of("fast").wordsPerMinute()).isEqualTo(135);
        assertThat(Pace.of("faster").wordsPerMinute()).isEqualTo(140);
    }

    @Test
    void shouldTreatAMissingOrUnknownPaceAsModerate() {
        assertThat(Pace.of(null)).isEqualTo(Pace.MODERATE);
        assertThat(Pace.of("warp")).isEqualTo(Pace.MODERATE);
        assertThat(Pace.of(" SLOW ")).isEqualTo(Pace.SLOW);
    }

    @Test
    void shouldSlowEspeakDownByTheMeasuredFactorSoItSpeaksAtThePacesRate() {
        assertThat(espeak.espeakRate(Pace.SLOWER)).isEqualTo(97);
        assertThat(espeak.espeakRate(Pace.MODERATE)).isEqualTo(115);
        assertThat(espeak.espeakRate(Pace.FASTER)).isEqualTo(124);
    }

    @Test
    void shouldFallBackToTheDefaultVoiceForAnUnknownVoiceId() {
        assertThat(espeak.resolve("klingon-deep").id()).isEqualTo("en-us-female");
        assertThat(espeak.resolve(null).id()).isEqualTo("en-us-female");
        assertThat(espeak.resolve("en-gb-male").engineVoice()).isEqualTo("en-gb+m3");
    }

    @Test
    void shouldNeutralizeEspeakPhonemeBracketsAndControlCharacters() {
        assertThat(EspeakSynthesizer.plain("I am [[h@'loU]] calm\u0007")).isEqualTo("I am [ [h@'loU] ] calm\n");
    }
}
