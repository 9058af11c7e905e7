package com.waqup.generation.script;

import java.util.List;

import com.waqup.generation.script.Weaver.Person;

/**
 * Affirmations: short first-person, present-tense statements, each said two or three times (three from medium
 * depth on) with a pause to repeat it silently, then a longer pause before the next. All in the person's voice: an
 * opening in the first person that names the intent, where and when, and the feeling; one group per statement (a
 * unit); a closing. The intent's curated statements come first; once they have all been said, the set goes round
 * again in a new order with a general statement every fourth group.
 */
final class AffirmationComposer extends Composer {

    private final List<String> statements;
    private final List<String> general;

    AffirmationComposer(PhraseLibrary library, Weaver weaver, ScriptRequest request, Depth depth) {
        super(library, weaver, request, depth);
        this.statements = intentLines("affirmation", Person.I);
        this.general = commonLines("affirmation.general", Person.I);
    }

    int repetitions() {
        return depth == Depth.SHALLOW ? 2 : 3;
    }

    @Override
    Draft draft(int units) {
        Decks decks = new Decks(seed);
        Draft draft = new Draft();
        Draft.Part opening = draft.section(SectionKind.OPENING).add(opening(decks, "affirmation", Person.I), Pause.OPENING);
        feeling(decks, "affirmation", Person.I).ifPresent(line -> opening.add(line, Pause.FEELING));
        Deck own = decks.shuffled("affirmation", statements);
        Deck shared = decks.shuffled("affirmation.general", general);
        for (int group = 0; group <= units; group++) {
            boolean sharedTurn = group >= own.size() && (group - own.size()) % 4 == 3;
            String statement = sharedTurn ? shared.next() : own.next();
            Draft.Part part = draft.section(SectionKind.AFFIRMATIONS);
            for (int r = 1; r <= repetitions(); r++) {
                part.add(statement, r < repetitions() ? Pause.REPEAT : Pause.GROUP_END);
            }
        }
        draft.section(SectionKind.CLOSING)
                .add(decks.shuffled("affirmation.closing", brief(commonLines("affirmation.closing", Person.I))).next(), Pause.CLOSING);
        return draft;
    }
}
