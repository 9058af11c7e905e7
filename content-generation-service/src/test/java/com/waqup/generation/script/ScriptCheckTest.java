package com.waqup.generation.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules every script meets before it is voiced, and the repair of an LLM's pauses. */
class ScriptCheckTest {

    static final ComposerScriptWriter COMPOSER = new ComposerScriptWriter();

    @ParameterizedTest
    @CsvSource({ "affirmation,60", "affirmation,900", "guided_meditation,300", "guided_meditation,3600", "ritual,120",
            "ritual,1200" })
    void shouldAcceptEveryComposerScript(String type, int seconds) {
        ScriptRequest request = new ScriptRequest(UUID.randomUUID(), null, ScriptType.of(type).orElseThrow(), "sleep",
                "anxious", "night", "bed", seconds, "slower", "calm", null, "en");
        ScriptCheck.validate(COMPOSER.write(request), request.wordsPerMinute());
    }

    static Script meditation(double pause, int target) {
        return new Script("t", ScriptType.GUIDED_MEDITATION, List.of(
                new Section(SectionKind.SETTLING, List.of(new Segment("Settle into your seat and let the day go.", pause))),
                new Section(SectionKind.BREATH, List.of(new Segment("Breathe in slowly.", pause), new Segment("And out.", pause))),
                new Section(SectionKind.BODY, List.of(new Segment("Feel your feet on the floor.", pause))),
                new Section(SectionKind.VISUALIZATION, List.of(new Segment("Picture a quiet lake at dusk.", pause))),
                new Section(SectionKind.RETURN, List.of(new Segment("Come back when you are ready.", pause)))),
                List.of(), Depth.MEDIUM, target, "en");
    }

    @Test
    void shouldStretchPausesToTheTargetAndKeepTheWords() {
        Script repaired = ScriptCheck.repair(meditation(2, 180), 130);

        assertThat(repaired.estimatedSeconds(130)).isCloseTo(180, Offset.offset(0.5));
        assertThat(repaired.plainText()).isEqualTo(meditation(2, 180).plainText());
        assertThat(repaired.sections()).allSatisfy(s -> s.segments().forEach(g -> assertThat(g.pauseAfter()).isBetween(0.0, 60.0)));
    }

    @Test
    void shouldShareTheSilenceWhenTheModelGaveNoPauses() {
        Script repaired = ScriptCheck.repair(meditation(0, 120), 130);
        assertThat(repaired.estimatedSeconds(130)).isCloseTo(120, Offset.offset(0.5));
    }

    @Test
    void shouldRejectWhatCannotBeRepaired() {
        assertThatThrownBy(() -> ScriptCheck.repair(meditation(5, 3600), 130)).isInstanceOf(InvalidScriptException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> ScriptCheck.validate(meditation(5, 600), 130)).isInstanceOf(InvalidScriptException.class)
                .hasMessageContaining("10 %");
        Script wrongOrder = new Script("t", ScriptType.GUIDED_MEDITATION, List.of(
                new Section(SectionKind.BREATH, List.of(new Segment("Breathe.", 5)))), List.of(), Depth.MEDIUM, 60, "en");
        assertThatThrownBy(() -> ScriptCheck.repair(wrongOrder, 130)).hasMessageContaining("settling, breath");
        Script placeholder = new Script("t", ScriptType.RITUAL, List.of(new Section(SectionKind.STEP, List.of(
                new Segment("Step one. Stand up {intent}.", 5), new Segment("I am someone who stands.", 5)))),
                List.of(), Depth.SHALLOW, 60, "en");
        assertThatThrownBy(() -> ScriptCheck.repair(placeholder, 130)).hasMessageContaining("placeholder");
        Script noIdentity = new Script("t", ScriptType.RITUAL, List.of(new Section(SectionKind.STEP, List.of(
                new Segment("Step one. Stand up.", 5)))), List.of(), Depth.SHALLOW, 60, "en");
        assertThatThrownBy(() -> ScriptCheck.repair(noIdentity, 130)).hasMessageContaining("I am someone who");
    }
}
