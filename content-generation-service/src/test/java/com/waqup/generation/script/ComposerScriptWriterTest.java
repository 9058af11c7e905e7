package com.waqup.generation.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ComposerScriptWriterTest {

    static final ComposerScriptWriter WRITER = new ComposerScriptWriter();
    static final List<Integer> DURATIONS = List.of(60, 120, 180, 300, 600, 900, 1200, 1800, 3600);
    static final List<String> PACES = List.of("slower", "slow", "moderate", "fast", "faster");

    static UUID job(String name) {
        return UUID.nameUUIDFromBytes(("generation:" + name).getBytes(StandardCharsets.UTF_8));
    }

    static ScriptRequest request(String job, ScriptType type, String intent, String feeling, String time, String place,
            Integer seconds, String pace) {
        return new ScriptRequest(job(job), job("user-" + job), type, intent, feeling, time, place, seconds, pace, "warm",
                null, "en");
    }

    static double deviation(Script script, String pace) {
        return Math.abs(script.estimatedSeconds(Pace.of(pace).wordsPerMinute()) - script.targetSeconds())
                / script.targetSeconds();
    }

    // ---- duration ------------------------------------------------------------------------------------------

    static Stream<Arguments> typesDurationsAndPaces() {
        List<Arguments> all = new ArrayList<>();
        for (ScriptType type : ScriptType.values()) {
            for (int seconds : DURATIONS) {
                for (String pace : PACES) {
                    all.add(Arguments.of(type, seconds, pace));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}s {2}")
    @MethodSource("typesDurationsAndPaces")
    void shouldMeetTheRequestedDurationWithinTenPercentOnceVoiced(ScriptType type, int seconds, String pace) {
        Script script = WRITER.write(request(type + "-" + seconds + "-" + pace, type, "sleep", "restless", "evening", "bed",
                seconds, pace));

        assertThat(script.targetSeconds()).isEqualTo(seconds);
        assertThat(deviation(script, pace)).as("estimated %.1f s for %d s", script.estimatedSeconds(
                Pace.of(pace).wordsPerMinute()), seconds).isLessThanOrEqualTo(0.10);
        assertThat(script.sections()).allSatisfy(s -> assertThat(s.segments()).allSatisfy(
                g -> assertThat(g.pauseAfter()).isPositive()));
    }

    @Test
    void shouldMeetEveryWholeMinuteFromOneToSixtyForEveryTypePaceAndPerson() {
        List<String> misses = new ArrayList<>();
        List<String> intents = PhraseLibraryTest.CURATED;
        for (ScriptType type : ScriptType.values()) {
            for (int minutes = 1; minutes <= 60; minutes++) {
                for (String pace : PACES) {
                    String name = type + "/" + minutes + "/" + pace;
                    String intent = intents.get(Math.floorMod(name.hashCode(), intents.size()));
                    Script script = WRITER.write(request(name, type, intent, minutes % 2 == 0 ? "anxious" : "hopeful",
                            "afternoon", "commute", minutes * 60, pace));
                    if (deviation(script, pace) > 0.10) {
                        misses.add(name + " " + intent + ": " + script.estimatedSeconds(Pace.of(pace).wordsPerMinute()));
                    }
                }
            }
        }
        assertThat(misses).isEmpty();
    }

    @Test
    void shouldFitOneMinuteScriptsAtTheSlowestPaceForEveryIntentAndManyPeople() {
        List<String> misses = new ArrayList<>();
        for (ScriptType type : ScriptType.values()) {
            for (String intent : PhraseLibraryTest.LEXICON) {
                for (int person = 0; person < 12; person++) {
                    Script script = WRITER.write(request(intent + person, type, intent, "grieving", "afternoon", "commute",
                            60, "slower"));
                    if (deviation(script, "slower") > 0.10) {
                        misses.add(type + " " + intent + " " + person + ": " + script.estimatedSeconds(110));
                    }
                }
            }
        }
        assertThat(misses).isEmpty();
    }

    @Test
    void shouldLandCloseToTheTargetNotMerelyInsideTheTolerance() {
        for (ScriptType type : ScriptType.values()) {
            Script script = WRITER.write(request("close", type, "focus", null, null, null, 900, "moderate"));

            assertThat(script.estimatedSeconds(130)).isCloseTo(900, Assertions.within(1.0));
        }
    }

    // ---- structure per type ---------------------------------------------------------------------------------

    @Test
    void shouldWriteAffirmationsAsFirstPersonPresentStatementsGroupedWithRepetitionsAndPauses() {
        for (int seconds : DURATIONS) {
            Script script = WRITER.write(request("aff" + seconds, ScriptType.AFFIRMATION, "confidence", "anxious", "morning",
                    "home", seconds, "moderate"));
            List<Section> sections = script.sections();

            assertThat(sections.getFirst().kind()).isEqualTo(SectionKind.OPENING);
            assertThat(sections.getLast().kind()).isEqualTo(SectionKind.CLOSING);
            List<Section> groups = sections.subList(1, sections.size() - 1);
            assertThat(groups).isNotEmpty().allSatisfy(group -> {
                assertThat(group.kind()).isEqualTo(SectionKind.AFFIRMATIONS);
                assertThat(group.segments()).hasSizeGreaterThanOrEqualTo(2);
                assertThat(group.segments().stream().map(Segment::text).distinct()).hasSize(1);
                assertThat(group.segments()).allSatisfy(s -> assertThat(s.pauseAfter()).isGreaterThanOrEqualTo(1.5));
                assertThat(group.segments().getLast().pauseAfter()).isGreaterThan(group.segments().getFirst().pauseAfter());
            });
            for (Section section : sections) {
                for (Segment segment : section.segments()) {
                    String text = " " + segment.text().toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ") + " ";
                    assertThat(text).as(segment.text()).doesNotContain(" will ", " you ", " your ", " going to ");
                    if (section.kind() == SectionKind.AFFIRMATIONS) {
                        assertThat(segment.text()).matches("I('m)? .*");
                    } else {
                        assertThat(text).containsAnyOf(" i ", " my ", " me ", " myself ");
                    }
                }
            }
        }
    }

    @Test
    void shouldRepeatAffirmationsMoreOftenWhenDeeper() {
        Script shallow = WRITER.write(request("reps", ScriptType.AFFIRMATION, "joy", null, null, null, 180, "slow"));
        Script deep = WRITER.write(request("reps", ScriptType.AFFIRMATION, "joy", null, null, null, 1800, "slow"));

        assertThat(shallow.sections().get(1).segments()).hasSize(2);
        assertThat(deep.sections().get(1).segments()).hasSize(3);
    }

    @Test
    void shouldWalkMeditationsThroughTheFivePhasesInOrderWithTimedPauses() {
        for (int seconds : DURATIONS) {
            Script script = WRITER.write(request("med" + seconds, ScriptType.GUIDED_MEDITATION, "stress", "stressed",
                    "midday", "work", seconds, "slow"));

            assertThat(script.sections()).extracting(Section::kind).containsExactly(SectionKind.SETTLING,
                    SectionKind.BREATH, SectionKind.BODY, SectionKind.VISUALIZATION, SectionKind.RETURN);
            assertThat(script.sections()).allSatisfy(s -> assertThat(s.segments())
                    .allSatisfy(g -> assertThat(g.pauseAfter()).isGreaterThanOrEqualTo(0.9)));
            Section breath = script.sections().get(1);
            assertThat(breath.segments().getFirst().text()).containsIgnoringCase("in");
            if (seconds >= 600) {
                assertThat(script.sections().get(3).segments()).as("held silences in a deep visualization")
                        .anySatisfy(s -> assertThat(s.pauseAfter()).isGreaterThanOrEqualTo(15));
            }
        }
    }

    @Test
    void shouldLetSleepAndNightMeditationsDriftOffInsteadOfWakingUp() {
        for (String intent : List.of("sleep", "wind_down")) {
            Script script = WRITER.write(request("drift-" + intent, ScriptType.GUIDED_MEDITATION, intent, "tired", "night",
                    "bed", 1200, "slower"));
            String ending = script.sections().getLast().segments().stream().map(Segment::text).reduce("", String::concat);

            assertThat(ending).doesNotContainIgnoringCase("eyes open").doesNotContainIgnoringCase("welcome back")
                    .doesNotContainIgnoringCase("stretch");
        }
        Script night = WRITER.write(request("night", ScriptType.GUIDED_MEDITATION, "gratitude", null, "night", "bed", 1200,
                "slow"));
        assertThat(night.sections().getLast().segments()).noneSatisfy(s -> assertThat(s.text()).contains("eyes open"));
    }

    @Test
    void shouldWriteRitualsAsOrderedStepsWithActionIdentityAndAnchor() {
        PhraseLibrary library = PhraseLibrary.load();
        List<String> stepLines = new ArrayList<>(library.intent("morning_routine", "ritual.step"));
        stepLines.addAll(library.common("ritual.step"));
        for (int seconds : DURATIONS) {
            Script script = WRITER.write(request("rit" + seconds, ScriptType.RITUAL, "morning_routine", "tired", "morning",
                    "home", seconds, "fast"));
            List<Section> sections = script.sections();

            assertThat(sections.getFirst().kind()).isEqualTo(SectionKind.OPENING);
            assertThat(sections.getLast().kind()).isEqualTo(SectionKind.CLOSING);
            List<Section> steps = sections.subList(1, sections.size() - 1);
            assertThat(steps).isNotEmpty().allSatisfy(s -> assertThat(s.kind()).isEqualTo(SectionKind.STEP));
            if (seconds >= 300) {
                assertThat(steps).hasSizeGreaterThanOrEqualTo(3);
            }
            Set<String> actions = new HashSet<>();
            for (int i = 0; i < steps.size(); i++) {
                List<Segment> segments = steps.get(i).segments();
                Segment action = segments.getFirst();
                Segment identity = segments.get(segments.size() - 2);
                Segment anchor = segments.getLast();
                String prefix = "Step " + RitualComposer.number(i + 1) + ". ";
                assertThat(action.text()).startsWith(prefix);
                assertThat(action.pauseAfter()).as("time to do the action").isGreaterThanOrEqualTo(4);
                assertThat(stepLines).as("an action with its own anchor")
                        .contains(action.text().substring(prefix.length()) + " | " + anchor.text());
                assertThat(identity.text()).startsWith("I am someone who ");
                List<String> holds = segments.subList(1, segments.size() - 2).stream().map(Segment::text).toList();
                assertThat(holds).as("holds between action and identity").allSatisfy(
                        hold -> assertThat(library.common("ritual.hold")).contains(hold));
                if (holds.size() <= library.common("ritual.hold").size()) {
                    assertThat(holds).as("no hold twice in a step").doesNotHaveDuplicates();
                }
                actions.add(action.text().substring(prefix.length()));
            }
            assertThat(actions).as("no step twice").hasSize(steps.size());
            if (seconds >= Composer.FULL_FROM_SECONDS) {
                assertThat(sections.getLast().segments().getFirst().text()).as("the identity said again")
                        .isEqualTo(steps.getFirst().segments().get(steps.getFirst().segments().size() - 2).text());
            }
        }
    }

    @Test
    void shouldNumberRitualStepsInWordsThenDigits() {
        assertThat(RitualComposer.number(1)).isEqualTo("one");
        assertThat(RitualComposer.number(12)).isEqualTo("twelve");
        assertThat(RitualComposer.number(20)).isEqualTo("twenty");
        assertThat(RitualComposer.number(21)).isEqualTo("21");
    }

    // ---- the person's words ----------------------------------------------------------------------------------

    @Test
    void shouldWeaveThePersonsIntentFeelingTimeAndPlaceIntoEveryScript() {
        PhraseLibrary library = PhraseLibrary.load();
        String[][] contexts = {{"restless", "evening", "bed"}, {"anxious", "morning", "home"}, {"sad", "afternoon", "work"},
            {"hopeful", "midday", "outdoors"}, {"angry", "night", "commute"}, {"grieving", "evening", "home"}};
        for (ScriptType type : ScriptType.values()) {
            for (int i = 0; i < PhraseLibraryTest.LEXICON.size(); i++) {
                String intent = PhraseLibraryTest.LEXICON.get(i);
                String[] context = contexts[i % contexts.length];
                for (int seconds : List.of(60, 300)) {
                    Script script = WRITER.write(request("words-" + intent + seconds, type, intent, context[0], context[1],
                            context[2], seconds, "moderate"));
                    String text = script.plainText().toLowerCase(Locale.ROOT);
                    String feeling = switch (context[0]) {
                        case "sad" -> "low";
                        case "angry" -> "frustrated";
                        case "grieving" -> "grief";
                        default -> context[0];
                    };

                    assertThat(text).as(type + " " + intent).contains(library.name(intent).label(), feeling, context[1],
                            context[2]);
                    assertThat(text).doesNotContain("{", "}", "null", "  ");
                }
            }
        }
    }

    @Test
    void shouldSpeakWithoutContextWhenThePersonGaveNone() {
        for (ScriptType type : ScriptType.values()) {
            Script script = WRITER.write(new ScriptRequest(job("bare"), null, type, null, null, null, null, null, null,
                    null, null, null));

            assertThat(script.targetSeconds()).isEqualTo(type.defaultSeconds());
            assertThat(script.plainText()).doesNotContain("{", "null").contains("calm");
            assertThat(script.title()).isEqualTo(switch (type) {
                case AFFIRMATION -> "Calm Affirmations";
                case GUIDED_MEDITATION -> "Calm Meditation";
                case RITUAL -> "Calm Ritual";
            });
            assertThat(script.tags()).containsExactly("calm", type.code());
            assertThat(deviation(script, "moderate")).isLessThanOrEqualTo(0.10);
        }
    }

    // ---- determinism and variety ------------------------------------------------------------------------------

    @Test
    void shouldWriteTheSameScriptForTheSameJob() {
        for (ScriptType type : ScriptType.values()) {
            ScriptRequest request = request("same-job", type, "gratitude", "calm", "evening", "home", 900, "slow");

            assertThat(WRITER.write(request)).isEqualTo(WRITER.write(request))
                    .isEqualTo(new ComposerScriptWriter().write(request));
        }
    }

    @Test
    void shouldWriteDifferentScriptsForDifferentPeopleAskingForTheSameThing() {
        for (ScriptType type : ScriptType.values()) {
            for (int seconds : List.of(120, 600)) {
                Set<String> firstLines = new HashSet<>();
                Set<String> texts = new HashSet<>();
                for (int person = 0; person < 20; person++) {
                    Script script = WRITER.write(request("person-" + person, type, "anxiety", "anxious", "evening", "bed",
                            seconds, "slow"));
                    firstLines.add(script.sections().getFirst().segments().getFirst().text());
                    texts.add(script.plainText());
                }

                assertThat(firstLines).as(type + " " + seconds + " s first lines").hasSizeGreaterThanOrEqualTo(15);
                assertThat(texts).as(type + " " + seconds + " s scripts").hasSize(20);
            }
        }
    }

    @Test
    void shouldVaryTheBodyOfAScriptNotOnlyItsOpening() {
        Set<String> thirdSections = new HashSet<>();
        for (int person = 0; person < 20; person++) {
            Script script = WRITER.write(request("body-" + person, ScriptType.GUIDED_MEDITATION, "calm", null, null, null,
                    600, "moderate"));
            thirdSections.add(script.sections().get(2).segments().stream().map(Segment::text).toList().toString());
        }
        assertThat(thirdSections).hasSizeGreaterThanOrEqualTo(15);
    }

    // ---- every intent ---------------------------------------------------------------------------------------

    @Test
    void shouldWriteAScriptForEveryIntentInTheLibraryAndForAnUnknownOne() {
        List<String> intents = new ArrayList<>(PhraseLibraryTest.LEXICON);
        intents.add("juggling");
        for (ScriptType type : ScriptType.values()) {
            for (String intent : intents) {
                Script script = WRITER.write(request("every-" + intent, type, intent, null, "anytime", "anywhere", 300,
                        "moderate"));

                assertThat(script.contentType()).isEqualTo(type);
                assertThat(script.tags()).containsExactly(intent, type.code());
                assertThat(deviation(script, "moderate")).isLessThanOrEqualTo(0.10);
                assertThat(script.plainText()).doesNotContain("{");
                assertThat(script.plainText().toLowerCase(Locale.ROOT))
                        .contains(type == ScriptType.AFFIRMATION ? "wherever i am" : "wherever you are");
            }
        }
    }

    @Test
    void shouldUseTheCuratedPhrasesOfACuratedIntent() {
        Script script = WRITER.write(request("curated", ScriptType.GUIDED_MEDITATION, "sleep", null, null, null, 600, "slow"));

        assertThat(script.sections().get(3).segments().getFirst().text())
                .isEqualTo("Imagine a small boat resting on a calm, dark lake.");
    }

    // ---- title, tags, depth ---------------------------------------------------------------------------------

    @Test
    void shouldTakeTheTitleFromTheHintOrDeriveItFromTimeAndIntent() {
        ScriptRequest hinted = new ScriptRequest(job("t1"), null, ScriptType.RITUAL, "confidence", null, "morning", null,
                300, null, null, "  My   Morning Power  ", null);
        assertThat(WRITER.write(hinted).title()).isEqualTo("My Morning Power");

        assertThat(WRITER.write(request("t2", ScriptType.GUIDED_MEDITATION, "wind_down", null, "evening", null, 300, null))
                .title()).isEqualTo("Evening Wind-Down");
        assertThat(WRITER.write(request("t3", ScriptType.RITUAL, "confidence", null, "anytime", null, 300, null)).title())
                .isEqualTo("Confidence Ritual");
        assertThat(WRITER.write(request("t4", ScriptType.AFFIRMATION, "public_speaking", null, null, null, 300, null))
                .title()).isEqualTo("Voice Affirmations");

        ScriptRequest long_ = new ScriptRequest(job("t5"), null, ScriptType.RITUAL, null, null, null, null, 300, null,
                null, "x".repeat(200), null);
        assertThat(WRITER.write(long_).title()).hasSize(ComposerScriptWriter.MAX_TITLE_LENGTH);
    }

    @Test
    void shouldTagIntentTypeFeelingTimeAndPlaceAndAssignDepth() {
        Script script = WRITER.write(request("tags", ScriptType.GUIDED_MEDITATION, "grief", "grieving", "evening", "home",
                1200, "slower"));

        assertThat(script.tags()).containsExactly("grief", "guided_meditation", "grieving", "evening", "home");
        assertThat(script.depth()).isEqualTo(Depth.DEEP);
        assertThat(script.language()).isEqualTo("en");
        assertThat(IntStream.of(60, 600, 1200).mapToObj(s -> WRITER.write(
                request("d" + s, ScriptType.AFFIRMATION, "joy", null, null, null, s, null)).depth()))
                .containsExactly(Depth.SHALLOW, Depth.MEDIUM, Depth.DEEP);
    }

    @Test
    void shouldWriteEnglishWhateverLanguageWasAsked() {
        ScriptRequest german = new ScriptRequest(job("de"), null, ScriptType.AFFIRMATION, "calm", null, null, null, 120,
                null, null, null, "de");
        assertThat(WRITER.write(german).language()).isEqualTo("en");
    }
}
