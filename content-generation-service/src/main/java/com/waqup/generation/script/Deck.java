package com.waqup.generation.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A pile of alternatives for one slot, dealt in an order fixed by the seed: every alternative once before any
 * repeats, then a new order (never starting with the one just dealt). A sequential deck keeps the file's order (a
 * narrative, the body from feet to crown) and starts over at the end.
 */
final class Deck {

    private final List<String> items;
    private final Random random;
    private final boolean shuffled;
    private final List<String> order = new ArrayList<>();
    private int position;
    private String last;

    Deck(List<String> items, Random random, boolean shuffled) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a deck needs at least one phrase");
        }
        this.items = List.copyOf(items);
        this.random = random;
        this.shuffled = shuffled;
        deal();
    }

    String next() {
        if (position == order.size()) {
            deal();
        }
        last = order.get(position++);
        return last;
    }

    int size() {
        return items.size();
    }

    private void deal() {
        order.clear();
        order.addAll(items);
        position = 0;
        if (!shuffled) {
            return;
        }
        // Fisher-Yates with java.util.Random, whose sequence is specified: the same seed deals the same order on
        // every JVM.
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            order.set(j, order.set(i, order.get(j)));
        }
        if (order.size() > 1 && order.get(0).equals(last)) {
            order.set(0, order.set(order.size() - 1, order.get(0)));
        }
    }
}
