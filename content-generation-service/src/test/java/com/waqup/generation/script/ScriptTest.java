package com.waqup.generation.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScriptTest {

    @Test
    void shouldEstimateTheVoicedLengthAsWordsAtTheRatePlusEveryPause() {
        Script script = ScriptJsonTest.sample(); // 28 words, 48.5 s of pauses

        assertThat(script.wordCount()).isEqualTo(28);
        assertThat(script.pauseSeconds()).isEqualTo(48.5);
        assertThat(script.estimatedSeconds(120)).isCloseTo(28 * 60.0 / 120 + 48.5, within(1e-9));
        assertThat(script.estimatedSeconds(110)).isGreaterThan(script.estimatedSeconds(140));
        assertThatThrownBy(() -> script.estimatedSeconds(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveThePlainTextSegmentBySegmentWithABlankLineBetweenSections() {
        assertThat(ScriptJsonTest.sample().plainText()).isEqualTo("""
                Welcome. Let's begin.

                Breathe in slowly through your nose.
                And breathe out, slow and long.

                Bring your attention to your feet.

                Rest here for a while.

                Welcome back.""");
    }

    @Test
    void shouldCountOnlyTokensWithALetterOrDigitAsWords() {
        assertThat(new Segment("In… two, three — four.  ", 1).wordCount()).isEqualTo(4);
        assertThat(new Segment("Let's begin: one, two, 3", 1).wordCount()).isEqualTo(5);
    }

    @Test
    void shouldRefuseSegmentsAndScriptsThatCannotBeVoiced() {
        assertThatThrownBy(() -> new Segment(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Segment("Breathe.", -0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Segment("Breathe.", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Section(SectionKind.BODY, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Script("t", ScriptType.RITUAL, List.of(), List.of(), Depth.SHALLOW, 60, "en"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAssignDepthByLengthWithMeditationsOneStepDeeper() {
        assertThat(Depth.of(ScriptType.AFFIRMATION, 60)).isEqualTo(Depth.SHALLOW);
        assertThat(Depth.of(ScriptType.RITUAL, 300)).isEqualTo(Depth.SHALLOW);
        assertThat(Depth.of(ScriptType.RITUAL, 301)).isEqualTo(Depth.MEDIUM);
        assertThat(Depth.of(ScriptType.AFFIRMATION, 900)).isEqualTo(Depth.MEDIUM);
        assertThat(Depth.of(ScriptType.AFFIRMATION, 901)).isEqualTo(Depth.DEEP);
        assertThat(Depth.of(ScriptType.GUIDED_MEDITATION, 60)).isEqualTo(Depth.MEDIUM);
        assertThat(Depth.of(ScriptType.GUIDED_MEDITATION, 300)).isEqualTo(Depth.MEDIUM);
        assertThat(Depth.of(ScriptType.GUIDED_MEDITATION, 301)).isEqualTo(Depth.DEEP);
        assertThat(Depth.of(ScriptType.GUIDED_MEDITATION, 3600)).isEqualTo(Depth.DEEP);
    }

    @Test
    void shouldMapEveryPaceToItsWordRateAndAnUnknownOneToModerate() {
        assertThat(List.of("slower", "slow", "moderate", "fast", "faster").stream().map(p -> Pace.of(p).wordsPerMinute()))
                .containsExactly(110, 120, 130, 135, 140);
        assertThat(Pace.of(null)).isEqualTo(Pace.MODERATE);
        assertThat(Pace.of("ludicrous")).isEqualTo(Pace.MODERATE);
    }
}
