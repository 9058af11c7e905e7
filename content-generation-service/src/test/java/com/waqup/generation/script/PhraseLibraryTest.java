package com.waqup.generation.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class PhraseLibraryTest {

    /** The 20 most common intents of the conversation's Lexicon, each with its own curated phrases. */
    static final List<String> CURATED = List.of("sleep", "wind_down", "anxiety", "stress", "calm", "relaxation", "focus",
            "confidence", "self_worth", "self_compassion", "gratitude", "grief", "energy", "motivation", "morning_routine",
            "resilience", "letting_go", "inner_peace", "joy", "courage");

    /** Every intent key of conversation-service's Lexicon (48), which the library must be able to name. */
    static final List<String> LEXICON = List.of("sleep", "wind_down", "anxiety", "stress", "calm", "relaxation", "focus",
            "confidence", "self_worth", "self_compassion", "gratitude", "grief", "energy", "motivation", "productivity",
            "discipline", "habits", "morning_routine", "creativity", "forgiveness", "letting_go", "resilience", "courage",
            "patience", "abundance", "healing", "body_acceptance", "relationships", "connection", "loneliness",
            "mindfulness", "breathing", "joy", "clarity", "decisions", "public_speaking", "exams", "work_performance",
            "boundaries", "inner_peace", "acceptance", "hope", "pain_relief", "anger", "life_change", "parenting", "fitness");

    final PhraseLibrary library = PhraseLibrary.load();

    @Test
    void shouldCurateTheTwentyMostCommonIntentsAndNameEveryLexiconIntent() {
        assertThat(library.curatedIntents()).containsExactlyInAnyOrderElementsOf(CURATED);
        assertThat(library.knownIntents()).containsExactlyInAnyOrderElementsOf(LEXICON);
        assertThat(library.name("wind_down").label()).isEqualTo("winding down");
        assertThat(library.name("wind_down").title()).isEqualTo("Wind-Down");
        assertThat(library.name("juggling_chainsaws").label()).isEqualTo("juggling chainsaws");
    }

    @Test
    void shouldOfferSeveralAlternativesPerSlot() {
        for (String intent : CURATED) {
            PhraseLibrary.INTENT_SLOTS.forEach((slot, min) -> assertThat(library.intent(intent, slot))
                    .as(intent + " " + slot).hasSizeGreaterThanOrEqualTo(Math.max(3, min)));
        }
        assertThat(library.intent("parenting", "affirmation")).isNotEmpty().allMatch(l -> l.startsWith("I "));
    }

    @Test
    void shouldRefuseAnAffirmationThatIsNotFirstPersonPresent() {
        assertThat(invalid("[affirmation]\nI will be calm tomorrow.")).hasMessageContaining("present tense");
        assertThat(invalid("[affirmation]\nYou are calm.")).hasMessageContaining("starts with \"I\"");
        assertThat(invalid("[affirmation]\nI trust your voice.")).hasMessageContaining("your");
    }

    @Test
    void shouldRefuseBrokenRitualLinesPlaceholdersAndDuplicates() {
        assertThat(invalid("[ritual.identity]\nI like tea.")).hasMessageContaining("I am someone who");
        assertThat(invalid("[ritual.step]\nStand up without an anchor.")).hasMessageContaining("2 columns");
        assertThat(invalid("[meditation.body]\nRelax your {feeling} body.")).hasMessageContaining("{feeling}");
        assertThatThrownBy(() -> PhraseLibrary.parse("[a]\nsame\nsame\n", "x.txt")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> PhraseLibrary.parse("orphan\n", "x.txt")).hasMessageContaining("before any");
        assertThatThrownBy(() -> PhraseLibrary.parse("[a]\n[a]\n", "x.txt")).hasMessageContaining("twice");
    }

    /** generic.txt's sections with one replaced by {@code override}; the error the line rules raise. */
    private Throwable invalid(String override) {
        String slot = override.substring(1, override.indexOf(']'));
        StringBuilder text = new StringBuilder(override).append('\n');
        PhraseLibrary.INTENT_SLOTS.forEach((name, min) -> {
            if (!name.equals(slot)) {
                text.append('[').append(name).append("]\n");
                library.intent("parenting", name).forEach(line -> text.append(line).append('\n'));
            }
        });
        Map<String, List<String>> slots = PhraseLibrary.parse(text.toString(), "test.txt");
        return Assertions.catchThrowable(() -> PhraseLibrary.checkIntentRules("test.txt", slots));
    }
}
