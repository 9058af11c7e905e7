package com.waqup.audio.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PacingTest {

    @Test
    void shouldSplitASegmentIntoItsSentences() {
        assertThat(Pacing.sentences("Breathe in. Hold it gently! Now let go; slowly")).containsExactly("Breathe in.",
                "Hold it gently!", "Now let go;", "slowly");
        assertThat(Pacing.sentences("  one sentence only  ")).containsExactly("one sentence only");
        assertThat(Pacing.sentences("Dr.Smith says hi.")).containsExactly("Dr.Smith says hi.");
    }

    @Test
    void shouldFillTheTimeThePaceGivesAFastVoiceWithAPauseAfterTheSentence() {
        // 13 words at 130 wpm are due in 6 s; spoken in 4.3 s → 1.7 s of pause
        String sentence = "Let your shoulders soften, and your jaw relax, and your breath slow down now.";
        assertThat(Pacing.words(sentence)).isEqualTo(14);
        assertThat(Pacing.pauseAfter(sentence, 4.3, Pace.MODERATE)).isCloseTo(14 * 60.0 / 130 - 4.3, within(1e-9));
        assertThat(Pacing.pauseAfter(sentence, 9.0, Pace.MODERATE)).as("a slow voice gets none").isZero();
        assertThat(Pacing.pauseAfter(sentence, 0.5, Pace.SLOWER)).as("bounded").isEqualTo(Pacing.MAX_SENTENCE_PAUSE_SECONDS);
    }
}
