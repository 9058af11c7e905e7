package com.waqup.generation.script;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Fits a script to its duration. A composer drafts the script with {@code n} extra units (affirmation groups,
 * breath cycles, body and visualization lines, ritual steps and holds); more units never make a draft shorter.
 * <ol>
 * <li>Find the smallest {@code n} whose nominal length (speech at the word rate plus every usual pause, scaled by
 * depth and tone) reaches the target, by doubling then bisection; keep it or {@code n − 1}, whichever is
 * nearer.</li>
 * <li>Solve for one factor {@code f} so that speech + Σ clamp(usual pause × f, shortest, longest) equals the target
 * (bisection; the sum only grows with {@code f}). If the draft cannot reach it inside the pause bounds, try the
 * neighbouring drafts.</li>
 * <li>Round pauses to tenths of a second on their running total, so rounding never adds up.</li>
 * </ol>
 * The result lands on the target to within a fraction of a second whenever the bounds allow, far inside the
 * required ±10 %; the margin is left for the voice, which never speaks at exactly the nominal rate.
 */
final class Fitter {

    /** More units than any hour-long script needs; a guard against a composer that never grows. */
    static final int MAX_UNITS = 4096;
    private static final int NEIGHBOURS = 6;

    private final int targetSeconds;
    private final int wordsPerMinute;
    private final double pauseScale;

    Fitter(int targetSeconds, int wordsPerMinute, double pauseScale) {
        this.targetSeconds = targetSeconds;
        this.wordsPerMinute = wordsPerMinute;
        this.pauseScale = pauseScale;
    }

    List<Section> fit(IntFunction<Draft> composer) {
        Map<Integer, Draft> drafted = new HashMap<>();
        IntFunction<Draft> drafts = n -> drafted.computeIfAbsent(n, composer::apply);
        int n = smallestReaching(drafts);
        List<Integer> candidates = new ArrayList<>();
        double above = nominal(drafts.apply(n));
        double below = n > 0 ? nominal(drafts.apply(n - 1)) : Double.NEGATIVE_INFINITY;
        boolean belowNearer = n > 0 && targetSeconds - below < above - targetSeconds;
        candidates.add(belowNearer ? n - 1 : n);
        if (n > 0) {
            candidates.add(belowNearer ? n : n - 1);
        }
        for (int d = 1; d <= NEIGHBOURS; d++) {
            candidates.add(n + d);
            if (n - 1 - d >= 0) {
                candidates.add(n - 1 - d);
            }
        }
        Draft best = null;
        double bestMiss = Double.POSITIVE_INFINITY;
        for (int candidate : candidates) {
            Draft draft = drafts.apply(candidate);
            double miss = miss(draft);
            if (miss == 0) {
                return pauses(draft);
            }
            if (miss < bestMiss) {
                best = draft;
                bestMiss = miss;
            }
        }
        return pauses(best);
    }

    private int smallestReaching(IntFunction<Draft> drafts) {
        if (nominal(drafts.apply(0)) >= targetSeconds) {
            return 0;
        }
        int low = 0;
        int high = 1;
        while (nominal(drafts.apply(high)) < targetSeconds) {
            low = high;
            high *= 2;
            if (high > MAX_UNITS) {
                throw new IllegalStateException("a draft of " + MAX_UNITS + " units is still shorter than " + targetSeconds + " s");
            }
        }
        while (high - low > 1) { // nominal(low) < target <= nominal(high)
            int mid = (low + high) >>> 1;
            if (nominal(drafts.apply(mid)) < targetSeconds) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    double speech(Draft draft) {
        return draft.words() * 60.0 / wordsPerMinute;
    }

    double nominal(Draft draft) {
        return speech(draft) + draft.lines().stream().mapToDouble(l -> usual(l.pause())).sum();
    }

    private double usual(Pause pause) {
        return Math.clamp(pause.nominal * pauseScale, pause.min, pause.max);
    }

    /** How far outside the pause bounds the target lies for this draft: 0 when the pauses can meet it exactly. */
    private double miss(Draft draft) {
        double speech = speech(draft);
        double min = speech + draft.lines().stream().mapToDouble(l -> l.pause().min).sum();
        double max = speech + draft.lines().stream().mapToDouble(l -> l.pause().max).sum();
        return targetSeconds < min ? min - targetSeconds : targetSeconds > max ? targetSeconds - max : 0;
    }

    private List<Section> pauses(Draft draft) {
        List<Draft.Line> lines = draft.lines();
        double silence = targetSeconds - speech(draft);
        double low = 0;
        double high = lines.stream().mapToDouble(l -> l.pause().max / usual(l.pause())).max().orElse(1);
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (total(lines, mid) < silence) {
                low = mid;
            } else {
                high = mid;
            }
        }
        double factor = (low + high) / 2;
        List<Section> sections = new ArrayList<>();
        double exact = 0;
        long roundedTenths = 0;
        for (Draft.Part part : draft.parts) {
            List<Segment> segments = new ArrayList<>();
            for (Draft.Line line : part.lines) {
                exact += pause(line.pause(), factor);
                long running = Math.round(exact * 10);
                segments.add(new Segment(line.text(), (running - roundedTenths) / 10.0));
                roundedTenths = running;
            }
            sections.add(new Section(part.kind, segments));
        }
        return sections;
    }

    private double total(List<Draft.Line> lines, double factor) {
        return lines.stream().mapToDouble(l -> pause(l.pause(), factor)).sum();
    }

    private double pause(Pause pause, double factor) {
        return Math.clamp(usual(pause) * factor, pause.min, pause.max);
    }
}
