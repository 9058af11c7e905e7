package com.waqup.audio.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a pace is kept when the voice speaks faster than the pace asks (docs/audio.md, "Pace"): each segment is spoken
 * sentence by sentence, and after each sentence comes the time the pace gives its words that the voice did not use,
 * as silence (a sentence-final pause). The HTS voice loses much of its intelligibility when its durations are stretched
 * (measured: word error rate 14 % at its own rate, 25 % at 0.9×, 27 % at 0.8×), so it keeps its own rate and the
 * pace lives in the pauses, as a guide speaking calmly with room between sentences does; engines whose rate is set
 * (espeak-ng's {@code -s}, a diphone voice's duration stretch) leave little or nothing to fill.
 */
public final class Pacing {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+(?=\\S)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

    /** The longest sentence-final pause the pacing adds (a very fast voice is not stretched into long gaps). */
    public static final double MAX_SENTENCE_PAUSE_SECONDS = 2.5;

    private Pacing() {
    }

    /** The segment's sentences in order (a segment without sentence ends is one sentence). */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(text.strip())) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out.isEmpty() ? List.of(text.strip()) : out;
    }

    /** Words as a speaker counts them: whitespace-separated tokens with a letter or a digit. */
    public static int words(String text) {
        int n = 0;
        for (String token : text.trim().split("\\s+")) {
            if (WORD.matcher(token).find()) {
                n++;
            }
        }
        return n;
    }

    /** The silence after a sentence spoken in {@code spokenSeconds}: what its words' time at {@code pace} leaves. */
    public static double pauseAfter(String sentence, double spokenSeconds, Pace pace) {
        double due = words(sentence) * 60.0 / pace.wordsPerMinute();
        return Math.clamp(due - spokenSeconds, 0, MAX_SENTENCE_PAUSE_SECONDS);
    }
}
