package com.waqup.generation.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.waqup.generation.script.Weaver.Person;

/**
 * Drafts one type of script from the phrase library. {@link #draft(int)} must be deterministic for a seed and grow
 * with {@code units}: the {@link Fitter} looks for the number of units that fills the duration.
 */
abstract class Composer {

    /**
     * Below this length a script is compact: the opening skips its welcoming sentence, a meditation's return is
     * only its closing line and a ritual's closing does not repeat the identity, so one-minute scripts still fit
     * at the slowest pace.
     */
    static final int FULL_FROM_SECONDS = 120;

    final PhraseLibrary library;
    final Weaver weaver;
    final String intent;
    final long seed;
    final Depth depth;
    final int targetSeconds;

    Composer(PhraseLibrary library, Weaver weaver, ScriptRequest request, Depth depth) {
        this.library = library;
        this.weaver = weaver;
        this.intent = request.intent() == null ? "calm" : request.intent();
        this.seed = Decks.seedOf(request.jobId());
        this.depth = depth;
        this.targetSeconds = request.targetSeconds();
    }

    abstract Draft draft(int units);

    boolean compact() {
        return targetSeconds < FULL_FROM_SECONDS;
    }

    /**
     * The alternatives for a slot every script must say: in a compact script only the shorter half of them (by
     * words, at least three), so the fixed part of a one-minute script leaves room for its pauses.
     */
    List<String> brief(List<String> lines) {
        if (!compact() || lines.size() <= 3) {
            return lines;
        }
        List<Integer> lengths = lines.stream().map(Segment::words).sorted().toList();
        int median = lengths.get(Math.max(2, (lines.size() - 1) / 2));
        return lines.stream().filter(l -> Segment.words(l) <= median).toList();
    }

    /** The intent's own lines for a slot (generic ones for an intent without a curated file). */
    List<String> intentLines(String slot, Person person) {
        return weaver.usable(library.intent(intent, slot), person);
    }

    List<String> commonLines(String slot, Person person) {
        return weaver.usable(library.common(slot), person);
    }

    /**
     * The first thing said: a welcome (from two minutes on), where and when ("As you lie in bed this evening, …")
     * when the person said so, and what the practice is for, naming the intent; one segment, three independent
     * choices, so two people rarely hear the same first line.
     */
    String opening(Decks decks, String type, Person person) {
        List<String> sentences = new ArrayList<>();
        if (!compact()) {
            sentences.add(decks.shuffled(type + ".arrive", commonLines(type + ".arrive", person)).next());
        }
        List<String> context = commonLines(type + ".context", person);
        if (!context.isEmpty()) {
            sentences.add(decks.shuffled(type + ".context", brief(context)).next());
        }
        sentences.add(decks.shuffled(type + ".intent", brief(commonLines(type + ".intent", person))).next());
        return String.join(" ", sentences);
    }

    /** A line that names the person's feeling, if they gave one. */
    Optional<String> feeling(Decks decks, String type, Person person) {
        if (weaver.feeling().isEmpty()) {
            return Optional.empty();
        }
        String slot = type + ".feeling." + weaver.feelingKind();
        return Optional.of(decks.shuffled(slot, brief(commonLines(slot, person))).next());
    }

    /**
     * Shares {@code units} among phases by weight (Sainte-Laguë: each unit goes to the phase with the highest
     * {@code weight / (2·count + 1)}, the earlier phase on a tie), never past a phase's cap. Adding a unit never
     * takes one away from another phase, so drafts only grow.
     */
    static int[] apportion(int units, double[] weights, int[] caps) {
        int[] counts = new int[weights.length];
        for (int u = 0; u < units; u++) {
            int best = -1;
            double bestQuotient = -1;
            for (int i = 0; i < weights.length; i++) {
                double quotient = weights[i] / (2.0 * counts[i] + 1);
                if (counts[i] < caps[i] && quotient > bestQuotient) {
                    best = i;
                    bestQuotient = quotient;
                }
            }
            if (best < 0) {
                break;
            }
            counts[best]++;
        }
        return counts;
    }
}
