package com.waqup.generation.script;

import java.util.ArrayList;
import java.util.List;

import com.waqup.generation.script.Weaver.Person;

/**
 * Rituals are ordered steps that encode an identity. An opening names the intent, where and when, and the
 * feeling; each step ("Step one. …") is an action with time to do it, any holds ("Stay with it."), an identity line
 * ("I am someone who …") and the anchor that ties the action to everyday life; the closing says the first identity
 * again (not in a compact ritual) and sends the person on. The intent's own steps and identities come first, the
 * shared ones after. Units are shared between new steps (weight 1, up to every distinct step the library has) and
 * holds inside the steps (weight 2), so longer rituals get a few more steps and much more time in each.
 */
final class RitualComposer extends Composer {

    private static final String[] NUMBERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        "twenty"};

    private final List<String> ownSteps;
    private final List<String> sharedSteps;
    private final List<String> ownIdentities;
    private final List<String> sharedIdentities;

    RitualComposer(PhraseLibrary library, Weaver weaver, ScriptRequest request, Depth depth) {
        super(library, weaver, request, depth);
        this.ownSteps = intentLines("ritual.step", Person.YOU);
        this.sharedSteps = commonLines("ritual.step", Person.YOU);
        this.ownIdentities = intentLines("ritual.identity", Person.YOU);
        this.sharedIdentities = commonLines("ritual.identity", Person.YOU);
    }

    @Override
    Draft draft(int units) {
        List<String> own = brief(ownSteps);
        int[] extra = apportion(units, new double[] {1, 2},
                new int[] {own.size() + sharedSteps.size() - 1, Integer.MAX_VALUE});
        int steps = 1 + extra[0];
        Decks decks = new Decks(seed);
        Draft draft = new Draft();

        Draft.Part opening = draft.section(SectionKind.OPENING).add(opening(decks, "ritual", Person.YOU), Pause.OPENING);
        feeling(decks, "ritual", Person.YOU).ifPresent(line -> opening.add(line, Pause.FEELING));

        // Holds go round the steps; each step deals from its own deck, so a step never repeats a hold until it
        // has used them all.
        List<String> holdLines = commonLines("ritual.hold", Person.YOU);
        List<List<String>> holdsOf = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            holdsOf.add(new ArrayList<>());
        }
        for (int h = 0; h < extra[1]; h++) {
            int step = h % steps;
            holdsOf.get(step).add(decks.shuffled("ritual.hold." + step, holdLines).next());
        }

        Deck ownStepDeck = decks.shuffled("ritual.step", own);
        Deck sharedStepDeck = decks.shuffled("ritual.step.common", sharedSteps);
        Deck ownIdentityDeck = decks.shuffled("ritual.identity", ownIdentities);
        Deck sharedIdentityDeck = decks.shuffled("ritual.identity.common", sharedIdentities);
        String firstIdentity = null;
        for (int s = 0; s < steps; s++) {
            String[] step = PhraseLibrary.columns(s < own.size() ? ownStepDeck.next() : sharedStepDeck.next(), 2,
                    "ritual.step");
            String identity = s < ownIdentities.size() ? ownIdentityDeck.next() : sharedIdentityDeck.next();
            firstIdentity = firstIdentity == null ? identity : firstIdentity;
            Draft.Part part = draft.section(SectionKind.STEP).add("Step " + number(s + 1) + ". " + step[0], Pause.ACTION);
            holdsOf.get(s).forEach(hold -> part.add(hold, Pause.HOLD));
            part.add(identity, Pause.IDENTITY).add(Weaver.capitalize(step[1]), Pause.ANCHOR);
        }

        Draft.Part closing = draft.section(SectionKind.CLOSING);
        if (!compact()) {
            closing.add(firstIdentity, Pause.IDENTITY);
        }
        closing.add(decks.shuffled("ritual.closing", brief(commonLines("ritual.closing", Person.YOU))).next(), Pause.CLOSING);
        return draft;
    }

    static String number(int n) {
        return n <= NUMBERS.length ? NUMBERS[n - 1] : Integer.toString(n);
    }
}
