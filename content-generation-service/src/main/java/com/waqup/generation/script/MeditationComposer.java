package com.waqup.generation.script;

import java.util.List;
import java.util.stream.Stream;

import com.waqup.generation.script.Weaver.Person;

/**
 * Guided meditations induce a state in five phases, always in this order and each present: settling (the opening,
 * the feeling, settling lines), breath (in and out cycles with the intent's breath cues), body (a scan from feet to
 * crown with the intent's body cues), visualization (the intent's scene in its written order, general imagery and
 * held silences, more of them when deep) and return (coming back, or for sleep and the night, drifting on; then a
 * closing; a compact meditation says only the closing).
 * Units are shared among the phases by weight (settling 1, at most 4; breath 2; body 3; visualization 3; return ½,
 * at most 2).
 */
final class MeditationComposer extends Composer {

    private static final double[] WEIGHTS = {1, 2, 3, 3, 0.5};
    private static final int[] CAPS = {4, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 2};

    private final List<String> settling;
    private final List<String> breathCues;
    private final List<String> bodyCues;
    private final List<String> scene;
    private final List<String> imagery;
    private final List<String> returning;
    private final List<String> closing;

    MeditationComposer(PhraseLibrary library, Weaver weaver, ScriptRequest request, Depth depth) {
        super(library, weaver, request, depth);
        this.settling = concat(intentLines("meditation.settling", Person.YOU), commonLines("meditation.settling", Person.YOU));
        this.breathCues = intentLines("meditation.breath", Person.YOU);
        this.bodyCues = intentLines("meditation.body", Person.YOU);
        this.scene = intentLines("meditation.visualization", Person.YOU);
        this.imagery = commonLines("meditation.visualization", Person.YOU);
        boolean night = "night".equals(request.timeOfDay());
        this.returning = ending("meditation.return", night);
        this.closing = ending("meditation.closing", night);
    }

    /** The intent's own ending (sleep drifts off), else the night's (no waking up), else the day's. */
    private List<String> ending(String slot, boolean night) {
        if (library.overrides(intent, slot)) {
            return intentLines(slot, Person.YOU);
        }
        return commonLines(night ? slot + ".night" : slot, Person.YOU);
    }

    @Override
    Draft draft(int units) {
        int[] extra = apportion(units, WEIGHTS, CAPS);
        Decks decks = new Decks(seed);
        Draft draft = new Draft();

        Draft.Part settle = draft.section(SectionKind.SETTLING).add(opening(decks, "meditation", Person.YOU), Pause.SETTLE);
        feeling(decks, "meditation", Person.YOU).ifPresent(line -> settle.add(line, Pause.FEELING));
        Deck settlingDeck = decks.shuffled("meditation.settling", settling);
        for (int k = 0; k < extra[0]; k++) {
            settle.add(settlingDeck.next(), Pause.SETTLE);
        }

        Draft.Part breath = draft.section(SectionKind.BREATH);
        Deck in = decks.shuffled("meditation.breath.in", brief(commonLines("meditation.breath.in", Person.YOU)));
        Deck out = decks.shuffled("meditation.breath.out", brief(commonLines("meditation.breath.out", Person.YOU)));
        Deck cues = decks.shuffled("meditation.breath", breathCues);
        breath.add(in.next(), Pause.BREATH_IN).add(out.next(), Pause.BREATH_OUT);
        for (int k = 0; k < extra[1]; k++) {
            if (k % 3 == 0) {
                breath.add(cues.next(), Pause.BREATH_CUE);
            } else {
                breath.add(in.next(), Pause.BREATH_IN).add(out.next(), Pause.BREATH_OUT);
            }
        }

        Deck bodyCueDeck = decks.shuffled("meditation.body", brief(bodyCues));
        Deck parts = decks.sequential("meditation.body.part", library.common("meditation.body.part"));
        Deck templates = decks.shuffled("meditation.body.template", library.common("meditation.body.template"));
        Draft.Part body = draft.section(SectionKind.BODY).add(bodyCueDeck.next(), Pause.BODY);
        for (int k = 0; k < extra[2]; k++) {
            String line = k % 4 == 3 ? bodyCueDeck.next()
                    : Weaver.capitalize(templates.next().replace("{part}", parts.next()));
            body.add(line, Pause.BODY);
        }

        Deck story = decks.sequential("meditation.visualization", scene);
        Deck images = decks.shuffled("meditation.visualization.common", imagery);
        Deck rests = decks.shuffled("meditation.rest", commonLines("meditation.rest", Person.YOU));
        Draft.Part visual = draft.section(SectionKind.VISUALIZATION).add(story.next(), Pause.SCENE);
        int told = 1;
        String pattern = switch (depth) {
            case SHALLOW -> "SSG";
            case MEDIUM -> "SGSR";
            case DEEP -> "SRGR";
        };
        for (int k = 0; k < extra[3]; k++) {
            char turn = pattern.charAt(k % pattern.length());
            if (turn == 'R') {
                visual.add(rests.next(), Pause.REST);
            } else if (turn == 'S' && told < scene.size()) {
                visual.add(story.next(), Pause.SCENE);
                told++;
            } else {
                visual.add(images.next(), Pause.SCENE);
            }
        }

        Deck back = decks.shuffled("meditation.return", returning);
        Draft.Part ret = draft.section(SectionKind.RETURN);
        for (int k = compact() ? 1 : 0; k <= extra[4]; k++) {
            ret.add(back.next(), Pause.RETURN);
        }
        ret.add(decks.shuffled("meditation.closing", brief(closing)).next(), Pause.CLOSING);
        return draft;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
