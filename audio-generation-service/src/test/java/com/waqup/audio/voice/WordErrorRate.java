package com.waqup.audio.voice;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Word error rate (substitutions + deletions + insertions over the reference's words), as bench/voice-quality.sh counts it. */
final class WordErrorRate {

    private WordErrorRate() {
    }

    static List<String> words(String text) {
        String plain = text.toLowerCase(Locale.ROOT).replace("'", "").replaceAll("[^a-z ]", " ").trim();
        return plain.isEmpty() ? List.of() : Arrays.asList(plain.split("\\s+"));
    }

    static double of(String reference, String hypothesis) {
        List<String> r = words(reference);
        List<String> h = words(hypothesis);
        int[] prev = new int[h.size() + 1];
        int[] cur = new int[h.size() + 1];
        for (int j = 0; j <= h.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= r.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= h.size(); j++) {
                int substitute = prev[j - 1] + (r.get(i - 1).equals(h.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return r.isEmpty() ? 0 : (double) prev[h.size()] / r.size();
    }
}
