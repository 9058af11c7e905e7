package com.waqup.conversation.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Whole-word phrase matching without regexes finds exactly what the word-boundary regex found. */
class LexiconMatchTest {

    static boolean byRegex(String normalized, String phrase) {
        return Pattern.compile("(?<![a-z0-9'])" + Pattern.quote(phrase) + "(?![a-z0-9'])").matcher(normalized).find();
    }

    @Test
    void shouldMatchWholeWordsOnlyLikeTheRegex() {
        List<String> phrases = new ArrayList<>();
        Stream.of(Lexicon.INTENTS, Lexicon.EMOTIONS, Lexicon.TIMES, Lexicon.PLACES, Lexicon.PACES, Lexicon.TONES, Lexicon.VOICES)
                .flatMap(List::stream).forEach(e -> phrases.addAll(e.phrases()));
        phrases.addAll(Lexicon.CORRECTION);
        phrases.addAll(Lexicon.SKIP);
        phrases.addAll(List.of("sleep", "sleepy", "work", "rest", "calm", "it's", "i'm", "", "a", "5"));
        List<String> messages = List.of("I want to feel more confident at work", "in the morning, ten minutes",
                "sounds good", "actually make it 5 minutes", "can't sleep, I'm sleepy and restless in bed",
                "well-being and self-care at the office", "calmer, calmly, calm", "it's 10 min; worked at home",
                "sleep", "", "5", "x5 5x 5", "don't stop-worrying about'work'", "a quarter of an hour at night please");
        for (String message : messages) {
            String n = Lexicon.normalize(message);
            for (String phrase : phrases) {
                assertThat(Lexicon.has(n, phrase)).as("'%s' in '%s'", phrase, n).isEqualTo(byRegex(n, phrase));
            }
        }
        assertThat(Lexicon.has(Lexicon.normalize("I feel restless"), "rest")).isFalse();
        assertThat(Lexicon.has(Lexicon.normalize("a good rest"), "rest")).isTrue();
    }
}
