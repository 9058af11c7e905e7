package com.waqup.generation.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TemplatePersonalizerTest {

    static final String AFFIRMATIONS = """
            Take a breath and arrive here.

            I am calm.
            I am safe in my body.
            You deserve this rest.

            Carry this with you.""";

    static ScriptRequest request(ScriptType type, String intent, String pace, int seconds) {
        return new ScriptRequest(UUID.randomUUID(), UUID.randomUUID(), type, intent, null, null, null, seconds, pace, null,
                null, "en");
    }

    static List<String> lines(Script script) {
        return script.sections().stream().flatMap(s -> s.segments().stream()).map(Segment::text).toList();
    }

    @Test
    void shouldAddressTheListenerByNameButKeepFirstPersonLinesAsTheCreatorWroteThem() {
        Script script = TemplatePersonalizer.standard().personalize(request(ScriptType.AFFIRMATION, "confidence", "fast", 90),
                new Personalization("Morning Strength", AFFIRMATIONS, "Ana"));

        assertThat(lines(script)).containsExactly("Ana, this practice is yours.", "Let it support your confidence.",
                "Ana, take a breath and arrive here.", "I am calm.", "I am safe in my body.", "Ana, you deserve this rest.",
                "Ana, carry this with you.", "Well done, Ana.");
        assertThat(script.title()).isEqualTo("Morning Strength for Ana");
        assertThat(script.sections()).hasSize(3);
        assertThat(script.tags()).containsExactly("confidence", "affirmation", "personalized");
        ScriptCheck.validateTemplate(script, Pace.FAST.wordsPerMinute());
        assertThat(script.estimatedSeconds(Pace.FAST.wordsPerMinute())).isBetween(81.0, 99.0);
    }

    @Test
    void shouldSayItIsTheirsWithoutANameAndNameNothing() {
        Script script = TemplatePersonalizer.standard().personalize(request(ScriptType.RITUAL, null, null, 60),
                new Personalization(null, AFFIRMATIONS, null));

        assertThat(lines(script)).first().isEqualTo("This practice is yours.");
        assertThat(lines(script)).contains("Take a breath and arrive here.", "You deserve this rest.")
                .noneMatch(l -> l.contains("Well done"));
        assertThat(script.title()).isEqualTo("Your Practice");
    }

    @Test
    void shouldLengthenThePracticeRatherThanCutTheCreatorsWordsAtASlowerPace() {
        String longLine = "Breathe in and notice how the air moves gently through you. ".repeat(30).strip();
        Script script = TemplatePersonalizer.standard().personalize(request(ScriptType.GUIDED_MEDITATION, "sleep",
                "slower", 60), new Personalization("Rest", longLine, "Sam"));

        double speech = script.wordCount() * 60.0 / Pace.SLOWER.wordsPerMinute();
        assertThat(speech).as("every word kept").isGreaterThan(60);
        assertThat(script.targetSeconds()).isGreaterThan(60);
        assertThat(lines(script)).allMatch(l -> l.length() <= ScriptCheck.MAX_SEGMENT_CHARS);
        ScriptCheck.validateTemplate(script, Pace.SLOWER.wordsPerMinute());
    }

    @Test
    void shouldNotMeetATypesSectionLayoutButEveryOtherRule() {
        Script script = TemplatePersonalizer.standard().personalize(request(ScriptType.GUIDED_MEDITATION, null, null, 120),
                new Personalization("Calm", AFFIRMATIONS, "Ana"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScriptCheck.validate(script, Pace.SLOWER.wordsPerMinute()))
                .isInstanceOf(InvalidScriptException.class);
        ScriptCheck.validateTemplate(script, Pace.SLOWER.wordsPerMinute());
    }
}
