package com.waqup.conversation.dialogue;

import static com.waqup.conversation.dialogue.ContentType.AFFIRMATION;
import static com.waqup.conversation.dialogue.ContentType.GUIDED_MEDITATION;
import static com.waqup.conversation.dialogue.ContentType.RITUAL;
import static com.waqup.conversation.dialogue.DialogueState.Cancelled;
import static com.waqup.conversation.dialogue.DialogueState.Confirmation;
import static com.waqup.conversation.dialogue.DialogueState.ContextGathering;
import static com.waqup.conversation.dialogue.DialogueState.IntentDiscovery;
import static com.waqup.conversation.dialogue.DialogueState.Personalization;
import static com.waqup.conversation.dialogue.DialogueState.PracticeDetails;
import static com.waqup.conversation.dialogue.DialogueState.Support;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scripted conversations through the offline extractor and the state machine: each one asserts where the
 * dialogue ends and what it understood. Expected slots use short names: intent, feeling, time, place,
 * seconds, voice, pace, tone.
 */
class DialogueScriptsTest {

    record Script(String name, ContentType type, List<String> messages, DialogueState end, Map<String, Object> slots) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Script script(String name, ContentType type, DialogueState end, Map<String, Object> slots, String... messages) {
        return new Script(name, type, List.of(messages), end, slots);
    }

    static Map<String, Object> slots(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Stream<Arguments> scripts() {
        List<Script> all = new ArrayList<>(List.of(
                script("one sentence does everything (ritual)", RITUAL, Confirmation,
                        slots("intent", "confidence", "time", "morning", "place", "home", "seconds", 600, "feeling", "anxious"),
                        "A 10 minute morning ritual at home for confidence, I'm nervous about today", "sounds good"),
                script("one sentence does everything (meditation)", GUIDED_MEDITATION, Confirmation,
                        slots("intent", "sleep", "time", "night", "place", "bed", "seconds", 900, "feeling", "restless"),
                        "I can't sleep, my mind is racing, I want a 15 minute meditation in bed at night", "yes"),
                script("the seed's example", GUIDED_MEDITATION, Confirmation,
                        slots("intent", "wind_down", "time", "night", "feeling", "restless", "place", "bed", "seconds", 600),
                        "I can't switch off at night", "in bed", "ten min", "perfect"),
                script("step by step affirmations", AFFIRMATION, Confirmation,
                        slots("intent", "self_worth", "feeling", "sad", "seconds", 180),
                        "I want to feel worthy", "honestly a bit down", "3 minutes", "that's fine, yes"),
                script("quarter of an hour", GUIDED_MEDITATION, Personalization,
                        slots("seconds", 900), "help me with stress", "overwhelmed, at work", "a quarter of an hour please", "in the afternoon"),
                script("half an hour", RITUAL, PracticeDetails, slots("intent", "gratitude", "time", "evening", "place", "home"),
                        "a gratitude ritual", "in the evening at home"),
                script("half an hour filled", RITUAL, Personalization, slots("seconds", 1800),
                        "a gratitude ritual", "in the evening at home", "half an hour"),
                script("short means short", AFFIRMATION, Personalization, slots("seconds", 120),
                        "affirmations for focus", "distracted", "keep it short"),
                script("ninety seconds", AFFIRMATION, Personalization, slots("seconds", 90), "focus please", "tired", "90 seconds"),
                script("too long is clamped to an hour", GUIDED_MEDITATION, Personalization, slots("seconds", 3600),
                        "deep relaxation", "stressed, at home", "2 hours", "anytime"),
                script("correction at confirmation", RITUAL, Confirmation, slots("seconds", 300, "intent", "energy"),
                        "a 20 minute morning ritual for more energy at home", "ok", "actually make it 5 minutes"),
                script("change of focus", AFFIRMATION, Confirmation, slots("intent", "courage"),
                        "affirmations for patience, I'm frustrated, 3 min", "yes", "actually I meant courage"),
                script("change of time", RITUAL, Confirmation, slots("time", "evening"),
                        "a morning ritual for gratitude at home, 10 minutes", "yes", "make it in the evening instead"),
                script("cancel in the middle", RITUAL, Cancelled, slots("intent", "focus"), "focus ritual", "cancel"),
                script("cancel at confirmation", AFFIRMATION, Cancelled, slots(), "confidence, nervous, 2 minutes", "yes", "never mind"),
                script("restart clears everything", GUIDED_MEDITATION, IntentDiscovery, slots("intent", null, "seconds", null),
                        "sleep meditation 10 minutes", "start over"),
                script("restart then new intent", GUIDED_MEDITATION, ContextGathering, slots("intent", "focus"),
                        "sleep meditation", "start over", "actually I need focus"),
                script("go back", RITUAL, ContextGathering, slots("intent", "gratitude"), "gratitude ritual", "morning at home", "go back"),
                script("skip a question", AFFIRMATION, PracticeDetails, slots("intent", "joy", "feeling", "calm"), "joy", "skip"),
                script("you choose everything", GUIDED_MEDITATION, Confirmation,
                        slots("intent", "calm", "seconds", 600, "place", "anywhere"), "you choose", "you choose", "you choose", "you choose"),
                script("you choose the length", RITUAL, Personalization, slots("seconds", 300),
                        "a ritual for discipline in the morning at work", "up to you"),
                script("at most five questions", GUIDED_MEDITATION, Confirmation, slots("intent", "calm"),
                        "hmm", "I don't really know what to say", "well", "maybe", "let me think", "ok then"),
                script("crisis goes to support", GUIDED_MEDITATION, Support, slots(), "I want to die"),
                script("crisis mid-dialogue", RITUAL, Support, slots("intent", "sleep"), "a sleep ritual", "honestly I want to end my life"),
                script("self-harm phrasing", AFFIRMATION, Support, slots(), "sometimes I hurt myself when it gets bad"),
                script("support stays support", AFFIRMATION, Support, slots(), "I feel suicidal", "ok", "yes create it"),
                script("not a cancellation: can't stop worrying", GUIDED_MEDITATION, ContextGathering, slots("intent", "anxiety"),
                        "I can't stop worrying about everything lately"),
                script("not a step back: back pain", GUIDED_MEDITATION, ContextGathering, slots("intent", "pain_relief"),
                        "something for my back pain please"),
                script("voice, pace and tone at personalization", GUIDED_MEDITATION, Confirmation,
                        slots("voice", "en-us-male", "pace", "slower", "tone", "gentle"),
                        "sleep, restless, in bed, 10 minutes at night", "a male voice, slower and gentle please"),
                script("pace in passing", AFFIRMATION, Personalization, slots("pace", "slower", "intent", "confidence"),
                        "confidence affirmations, nervous, 2 min, and please speak slower"),
                script("no at confirmation keeps confirmation", RITUAL, Confirmation, slots("intent", "focus"),
                        "a 5 minute focus ritual at work in the morning", "yes", "not quite"),
                script("grief phrasing", GUIDED_MEDITATION, ContextGathering, slots("intent", "grief"), "my dad passed away last month"),
                script("anxiety with a place", GUIDED_MEDITATION, PracticeDetails, slots("intent", "anxiety", "place", "commute", "feeling", "anxious"),
                        "panic attacks on the train, I get so anxious"),
                script("ritual wants time and place", RITUAL, ContextGathering, slots("intent", "habits", "time", null),
                        "help me build a habit"),
                script("intent offered at start", AFFIRMATION, ContextGathering, slots("intent", "sleep"), "hi")));
        return all.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void shouldEndWhereTheScriptSays(Script script) {
        Session session = Session.start(UUID.randomUUID(), script.type(), new Session.Defaults(null, "moderate", "warm"), Instant.now());
        if (script.name().equals("intent offered at start")) {
            session.presetIntent("sleep");
        }
        SlotExtractor extractor = new LexiconExtractor();
        for (String message : script.messages()) {
            Extraction x = extractor.extract(message, session.contentType(), session.state());
            Dialogue.Reply reply = Dialogue.turn(session, x, () -> new Dialogue.Quote(script.type() == GUIDED_MEDITATION ? 2 : 1, 5));
            assertThat(reply.text()).isNotBlank();
            if (session.state() == Confirmation) {
                assertThat(reply.summary()).containsKeys("title", "duration", "voice_id", "focus", "cost", "available");
            }
        }
        assertThat(session.state()).as("final state").isEqualTo(script.end());
        Slots v = session.slots();
        Map<String, Object> actual = new LinkedHashMap<>();
        actual.put("intent", v.intent);
        actual.put("feeling", v.emotionalContext);
        actual.put("time", v.timeOfDay);
        actual.put("place", v.place);
        actual.put("seconds", v.durationSeconds);
        actual.put("voice", v.voiceId);
        actual.put("pace", v.pace);
        actual.put("tone", v.tone);
        script.slots().forEach((key, expected) -> assertThat(actual.get(key)).as(key).isEqualTo(expected));
        assertThat(session.questionsAsked()).as("questions asked").isLessThanOrEqualTo(Dialogue.MAX_QUESTIONS);
    }
}
