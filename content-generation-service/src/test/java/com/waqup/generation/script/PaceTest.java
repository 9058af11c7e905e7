package com.waqup.generation.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class PaceTest {

    @Test
    void shouldSpeakGuidedMeditationAndSleepSlowerRitualsSlowAndAffirmationsSteadyWhenNoPaceIsChosen() {
        assertThat(Pace.forPractice(null, ScriptType.GUIDED_MEDITATION, "stress")).isEqualTo(Pace.SLOWER);
        assertThat(Pace.forPractice(null, ScriptType.RITUAL, "morning_routine")).isEqualTo(Pace.SLOW);
        assertThat(Pace.forPractice(null, ScriptType.AFFIRMATION, "confidence")).isEqualTo(Pace.MODERATE);
        assertThat(Pace.forPractice(null, ScriptType.AFFIRMATION, "sleep")).as("sleep is slower whatever the type")
                .isEqualTo(Pace.SLOWER);
        assertThat(Pace.forPractice(null, ScriptType.RITUAL, "Sleep ")).isEqualTo(Pace.SLOWER);
        assertThat(Pace.forPractice("ludicrous", ScriptType.RITUAL, null)).as("an unknown key is no choice")
                .isEqualTo(Pace.SLOW);
        assertThat(Pace.SLOWER.wordsPerMinute()).isLessThan(Pace.SLOW.wordsPerMinute());
        assertThat(Pace.SLOW.wordsPerMinute()).isLessThan(Pace.MODERATE.wordsPerMinute());
    }

    @Test
    void shouldKeepThePersonsPaceWhateverTheContentType() {
        assertThat(Pace.forPractice("fast", ScriptType.GUIDED_MEDITATION, "sleep")).isEqualTo(Pace.FAST);
        assertThat(Pace.forPractice(" Slower", ScriptType.AFFIRMATION, "confidence")).isEqualTo(Pace.SLOWER);
        assertThat(Pace.forPractice(ScriptType.RITUAL, Map.of("pace", "moderate", "intent", "sleep")))
                .isEqualTo(Pace.MODERATE);
        assertThat(Pace.forPractice(ScriptType.GUIDED_MEDITATION, Map.of("intent", "calm"))).isEqualTo(Pace.SLOWER);
    }

    @Test
    void shouldSizeTheScriptRequestAtTheSamePace() {
        ScriptRequest meditation = new ScriptRequest(UUID.randomUUID(), null, ScriptType.GUIDED_MEDITATION, "calm", null,
                null, null, 300, null, null, null, null);
        ScriptRequest chosen = new ScriptRequest(UUID.randomUUID(), null, ScriptType.GUIDED_MEDITATION, "calm", null,
                null, null, 300, "fast", null, null, null);

        assertThat(meditation.pace()).isEqualTo("slower");
        assertThat(meditation.wordsPerMinute()).isEqualTo(110);
        assertThat(chosen.wordsPerMinute()).isEqualTo(135);
    }
}
