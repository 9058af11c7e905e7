package com.waqup.generation.script;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The decks of one draft. Each slot gets its own random stream derived from the seed and the slot's name, so what
 * one slot deals never depends on how much another dealt: a draft with one more breath cycle has the same
 * affirmations, body lines and visualization as the one before it.
 */
final class Decks {

    private final long seed;
    private final Map<String, Deck> decks = new HashMap<>();

    Decks(long seed) {
        this.seed = seed;
    }

    /** The script's seed: a hash of the job id, so one job always gets the same script and two jobs rarely do. */
    static long seedOf(UUID jobId) {
        return mix(jobId.getMostSignificantBits() * 0x9E3779B97F4A7C15L ^ jobId.getLeastSignificantBits());
    }

    Deck shuffled(String slot, List<String> items) {
        return decks.computeIfAbsent(slot, s -> new Deck(items, random(s), true));
    }

    Deck sequential(String slot, List<String> items) {
        return decks.computeIfAbsent(slot, s -> new Deck(items, random(s), false));
    }

    Random random(String slot) {
        long h = 1125899906842597L;
        for (byte b : slot.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return new Random(mix(seed ^ mix(h)));
    }

    /** MurmurHash3's 64-bit finalizer: spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
