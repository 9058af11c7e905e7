package com.waqup.generation.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

class FitterTest {

    /** An opening of 10 words, then one breath cycle (2 × 5 words) per unit, then a 4-word closing. */
    static final IntFunction<Draft> BREATHING = units -> {
        Draft draft = new Draft();
        draft.section(SectionKind.SETTLING).add("one two three four five six seven eight nine ten", Pause.SETTLE);
        Draft.Part breath = draft.section(SectionKind.BREATH);
        for (int i = 0; i <= units; i++) {
            breath.add("breathe in slowly now please", Pause.BREATH_IN).add("and breathe out slowly now", Pause.BREATH_OUT);
        }
        draft.section(SectionKind.RETURN).add("thank you and goodbye", Pause.CLOSING);
        return draft;
    };

    static Script script(List<Section> sections, int target) {
        return new Script("t", ScriptType.GUIDED_MEDITATION, sections, List.of(), Depth.MEDIUM, target, "en");
    }

    @Test
    void shouldHitTheTargetExactlyWhenThePauseBoundsAllowIt() {
        for (int target : List.of(60, 95, 300, 1234, 3600)) {
            Script script = script(new Fitter(target, 120, 1.0).fit(BREATHING), target);

            assertThat(script.estimatedSeconds(120)).isCloseTo(target, within(0.06));
        }
    }

    @Test
    void shouldKeepEveryPauseInsideItsBoundsAndRoundedToTenths() {
        List<Section> sections = new Fitter(600, 130, 1.0).fit(BREATHING);
        List<Draft.Line> lines = BREATHING.apply(sections.get(1).segments().size() / 2 - 1).lines();
        List<Segment> segments = sections.stream().flatMap(s -> s.segments().stream()).toList();

        assertThat(segments).hasSameSizeAs(lines);
        for (int i = 0; i < segments.size(); i++) {
            Pause pause = lines.get(i).pause();
            double seconds = segments.get(i).pauseAfter();
            assertThat(seconds).isBetween(pause.min - 0.1, pause.max + 0.1);
            assertThat(seconds * 10).isCloseTo(Math.rint(seconds * 10), within(1e-6));
        }
    }

    @Test
    void shouldChooseHowMuchToSayFromTheUsualPausesAndTheDepthScale() {
        int cyclesUsual = new Fitter(600, 120, 1.0).fit(BREATHING).get(1).segments().size();
        int cyclesDeep = new Fitter(600, 120, 1.25).fit(BREATHING).get(1).segments().size();

        assertThat(cyclesDeep).as("longer usual pauses leave room for fewer words").isLessThan(cyclesUsual);
    }

    @Test
    void shouldFallBackToTheShortestPausesWhenEvenTheSmallestDraftIsTooLong() {
        IntFunction<Draft> wordy = units -> {
            Draft draft = new Draft();
            draft.section(SectionKind.OPENING).add("word ".repeat(200).trim(), Pause.OPENING);
            return draft;
        };
        List<Section> sections = new Fitter(60, 120, 1.0).fit(wordy);

        assertThat(sections.getFirst().segments().getFirst().pauseAfter()).isEqualTo(Pause.OPENING.min);
    }
}
