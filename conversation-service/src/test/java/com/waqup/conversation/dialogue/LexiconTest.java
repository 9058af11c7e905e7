package com.waqup.conversation.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexiconTest {

    @Test
    void shouldKnowAtLeastFortyIntentsEachWithSynonyms() {
        assertThat(Lexicon.INTENTS).hasSizeGreaterThanOrEqualTo(40);
        Set<String> keys = new HashSet<>();
        for (Lexicon.Entry intent : Lexicon.INTENTS) {
            assertThat(keys.add(intent.key())).as("unique key " + intent.key()).isTrue();
            assertThat(intent.phrases()).as(intent.key()).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @ParameterizedTest(name = "\"{0}\" → {1}s")
    @CsvSource(delimiter = '|', value = {
            "10 minutes|600", "ten min|600", "a quarter of an hour|900", "half an hour|1800", "90 seconds|90",
            "1.5 hours|5400", "twenty minutes please|1200", "a 5-minute one|300", "an hour|3600", "three quarters of an hour|2700",
            "keep it short|120", "something long|1200", "fifteen mins|900", "2 min|120" })
    void shouldReadDurations(String text, int seconds) {
        assertThat(Durations.parse(text, ContentType.RITUAL)).contains(seconds);
    }

    @Test
    void shouldNotSeeDurationsWhereThereAreNone() {
        assertThat(Durations.parse("I am anxious at 7am", ContentType.RITUAL)).isEmpty();
        assertThat(Durations.parse("sleep better", ContentType.RITUAL)).isEmpty();
    }
}
