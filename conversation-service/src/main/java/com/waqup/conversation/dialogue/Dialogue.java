package com.waqup.conversation.dialogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.waqup.conversation.dialogue.Extraction.Command;

/**
 * The intake state machine: Greeting → IntentDiscovery → ContextGathering → PracticeDetails →
 * Personalization → Confirmation, plus Cancelled and Support. Each stage has the slots it needs for the
 * content type; after every message the dialogue moves to the first stage with something missing and asks
 * only for that (at most {@value #MAX_QUESTIONS} questions; after that it fills sensible defaults). A message
 * can fill several slots at once, correct an earlier one at any point, skip a stage, go back, restart or
 * cancel; a message that expresses crisis moves the session to Support, which never leads to generation.
 * Pure logic: no I/O, so every transition is unit-tested.
 */
public final class Dialogue {

    public static final int MAX_QUESTIONS = 5;

    /** What the person's credits look like for this creation (shown at Confirmation). */
    public record Quote(int cost, Integer available) {
    }

    /** The reply to one turn. {@code summary} is set at Confirmation. */
    public record Reply(String text, Map<String, Object> summary) {
    }

    private Dialogue() {
    }

    public static String greeting(ContentType type, String intent) {
        String focus = intent == null ? "" : " for " + Lexicon.label(Lexicon.INTENTS, intent);
        return switch (type) {
            case AFFIRMATION -> "Hello! Let's write an affirmation set" + focus
                    + " in your own words. What would you like to feel or believe more strongly?";
            case GUIDED_MEDITATION -> "Hello! I'd love to guide you into a meditation" + focus
                    + ". What's on your mind, and what would you like it to help with?";
            case RITUAL -> "Hello! I'd be happy to help you create a personalized ritual" + focus
                    + ". What would you like this ritual to help you with?";
        };
    }

    /**
     * Applies an extraction to the session and produces the reply; {@code quote} is asked for only when the
     * reply shows the confirmation card.
     */
    public static Reply turn(Session s, Extraction x, Supplier<Quote> quote) {
        if (x.crisis()) {
            s.enterSupport();
            return new Reply(Support.RESPONSE, null);
        }
        if (s.state() == DialogueState.Support) {
            if (x.command() == Command.RESTART) {
                return restart(s);
            }
            return new Reply(Support.FOLLOW_UP, null);
        }
        switch (x.command()) {
            case CANCEL -> {
                s.cancel();
                return new Reply("No problem, I've set this aside. Come back whenever you like.", null);
            }
            case RESTART -> {
                return restart(s);
            }
            case BACK -> {
                return back(s);
            }
            default -> {
            }
        }
        List<String> notes = new ArrayList<>();
        apply(s, x, notes);
        if (x.command() == Command.DEFAULTS || x.command() == Command.SKIP) {
            fillDefaults(s, stageOf(s.state()));
            notes.add(x.command() == Command.SKIP ? "Let's skip that." : "I'll choose for you.");
        }
        if (s.state() == DialogueState.Personalization
                && (x.command() == Command.YES || x.command() == Command.DEFAULTS || x.command() == Command.SKIP
                        || x.slots().voiceId != null || x.slots().pace != null || x.slots().tone != null)) {
            s.confirmPersonalization();
        }
        if (s.state() == DialogueState.Confirmation) {
            if (x.command() == Command.YES && x.slots().isEmpty()) {
                return new Reply("Wonderful. Confirm to start creating it (it takes about a minute).", summary(s, quote.get()));
            }
            if (x.command() == Command.NO && x.slots().isEmpty()) {
                return new Reply("Of course. What would you like to change: the focus, the length, the time, or the voice?",
                        summary(s, quote.get()));
            }
        }
        return advance(s, notes, quote);
    }

    private static Reply restart(Session s) {
        s.restart();
        return new Reply("Let's start fresh. What would you like this " + s.contentType().label() + " to help you with?", null);
    }

    private static Reply back(Session s) {
        DialogueState previous = s.back();
        return new Reply("Sure, let's go back. " + question(s, previous, true), null);
    }

    private static void apply(Session s, Extraction x, List<String> notes) {
        Slots found = x.slots().copy();
        if (found.durationSeconds != null) {
            int clamped = Durations.clamp(found.durationSeconds);
            if (clamped != found.durationSeconds) {
                notes.add("I've set the length to " + Durations.describe(clamped) + " (practices last 1 to 60 minutes).");
            }
            found.durationSeconds = clamped;
        }
        boolean changed = isCorrection(s, found);
        s.mutableSlots().mergeFrom(found);
        if (changed || x.correction() && !found.isEmpty()) {
            notes.add("Got it, I've updated that.");
        } else if (found.intent != null && s.state().ordinal() <= DialogueState.IntentDiscovery.ordinal()) {
            notes.add(capitalize(Lexicon.label(Lexicon.INTENTS, found.intent)) + " it is.");
        }
    }

    private static boolean isCorrection(Session s, Slots found) {
        Slots had = s.mutableSlots();
        return found.intent != null && had.intent != null && !found.intent.equals(had.intent)
                || found.durationSeconds != null && had.durationSeconds != null && !found.durationSeconds.equals(had.durationSeconds)
                || found.timeOfDay != null && had.timeOfDay != null && !found.timeOfDay.equals(had.timeOfDay)
                || found.place != null && had.place != null && !found.place.equals(had.place);
    }

    private static Reply advance(Session s, List<String> notes, Supplier<Quote> quote) {
        DialogueState next = firstIncomplete(s);
        if (next != DialogueState.Confirmation && s.questionsAsked() >= MAX_QUESTIONS) {
            for (Stage stage : Stage.values()) {
                fillDefaults(s, stage);
            }
            s.confirmPersonalization();
            notes.add("I've filled in the rest with what usually works well.");
            next = DialogueState.Confirmation;
        }
        s.moveTo(next);
        String lead = String.join(" ", notes);
        if (next == DialogueState.Confirmation) {
            Map<String, Object> summary = summary(s, quote.get());
            return new Reply((lead.isEmpty() ? "" : lead + " ") + confirmationText(s, summary), summary);
        }
        s.askedQuestion();
        return new Reply((lead.isEmpty() ? "" : lead + " ") + question(s, next, false), null);
    }

    /** The stages in order, and what each needs for each content type. */
    enum Stage {
        INTENT(DialogueState.IntentDiscovery), CONTEXT(DialogueState.ContextGathering),
        DETAILS(DialogueState.PracticeDetails), PERSONAL(DialogueState.Personalization);

        final DialogueState state;

        Stage(DialogueState state) {
            this.state = state;
        }
    }

    static Stage stageOf(DialogueState state) {
        for (Stage stage : Stage.values()) {
            if (stage.state == state) {
                return stage;
            }
        }
        return Stage.INTENT;
    }

    static DialogueState firstIncomplete(Session s) {
        Slots v = s.mutableSlots();
        if (v.intent == null) {
            return DialogueState.IntentDiscovery;
        }
        boolean contextDone = switch (s.contentType()) {
            case AFFIRMATION -> v.emotionalContext != null;
            case GUIDED_MEDITATION -> v.emotionalContext != null && v.place != null;
            case RITUAL -> v.timeOfDay != null && v.place != null;
        };
        if (!contextDone) {
            return DialogueState.ContextGathering;
        }
        boolean detailsDone = v.durationSeconds != null && (s.contentType() != ContentType.GUIDED_MEDITATION || v.timeOfDay != null);
        if (!detailsDone) {
            return DialogueState.PracticeDetails;
        }
        if (!s.personalizationConfirmed()) {
            return DialogueState.Personalization;
        }
        return DialogueState.Confirmation;
    }

    static void fillDefaults(Session s, Stage stage) {
        Slots v = s.mutableSlots();
        switch (stage) {
            case INTENT -> {
                if (v.intent == null) {
                    v.intent = "calm";
                }
            }
            case CONTEXT -> {
                if (v.emotionalContext == null) {
                    v.emotionalContext = "calm";
                }
                if (v.place == null && s.contentType() != ContentType.AFFIRMATION) {
                    v.place = "anywhere";
                }
                if (v.timeOfDay == null && s.contentType() == ContentType.RITUAL) {
                    v.timeOfDay = "morning";
                }
            }
            case DETAILS -> {
                if (v.durationSeconds == null) {
                    v.durationSeconds = s.contentType().defaultSeconds();
                }
                if (v.timeOfDay == null && s.contentType() == ContentType.GUIDED_MEDITATION) {
                    v.timeOfDay = "anytime";
                }
            }
            case PERSONAL -> {
                if (v.voiceId == null) {
                    v.voiceId = s.defaults().voiceId();
                }
                if (v.pace == null) {
                    v.pace = s.defaults().pace();
                }
                if (v.tone == null) {
                    v.tone = s.defaults().tone();
                }
                s.confirmPersonalization();
            }
        }
    }

    static String question(Session s, DialogueState state, boolean revisiting) {
        Slots v = s.mutableSlots();
        return switch (state) {
            case IntentDiscovery -> "What would you like this " + s.contentType().label() + " to help you with?"
                    + (v.intent != null && revisiting ? " (So far: " + Lexicon.label(Lexicon.INTENTS, v.intent) + ".)" : "");
            case ContextGathering -> switch (s.contentType()) {
                case AFFIRMATION -> "How are you feeling about it right now?";
                case GUIDED_MEDITATION -> v.emotionalContext == null
                        ? "How are you feeling at the moment, and where will you usually listen: in bed, at home, outside?"
                        : "Where will you usually listen: in bed, at home, at work, outside?";
                case RITUAL -> v.timeOfDay == null
                        ? "When would you like to practice it, and where: morning at home, evening in bed…?"
                        : "Where will you practice it: at home, at work, outside?";
            };
            case PracticeDetails -> v.durationSeconds == null
                    ? "How long would you like it to be? For example 5, 10 or 20 minutes, or say \"you choose\"."
                    : "What time of day will you listen?";
            case Personalization -> "I'll use " + voiceDescription(s) + " at a " + paceOf(s) + " pace with a " + toneOf(s)
                    + " tone. Does that suit you, or would you like a different voice, pace or tone?";
            default -> "";
        };
    }

    private static String voiceDescription(Session s) {
        String voice = s.mutableSlots().voiceId != null ? s.mutableSlots().voiceId : s.defaults().voiceId();
        return voice == null ? "your usual voice" : Lexicon.label(Lexicon.VOICES, voice);
    }

    /** The pace the practice will have: the one chosen, else the default of its kind ({@link DefaultPace}). */
    private static String paceOf(Session s) {
        String chosen = chosenPace(s);
        return chosen != null ? chosen : DefaultPace.of(s.contentType(), s.mutableSlots().intent);
    }

    /**
     * The pace the person chose, in this dialogue or in their profile; {@code null} when neither names one, and then
     * content-generation applies the default of the kind of practice (the conversation never sends a default as a choice).
     */
    public static String chosenPace(Session s) {
        return s.mutableSlots().pace != null ? s.mutableSlots().pace : s.defaults().pace();
    }

    private static String toneOf(Session s) {
        return s.mutableSlots().tone != null ? s.mutableSlots().tone : s.defaults().tone();
    }

    /** The confirmation card: type, title idea, duration, voice, focus, cost and the available balance. */
    public static Map<String, Object> summary(Session s, Quote quote) {
        Slots v = s.mutableSlots();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("content_type", s.contentType().code());
        summary.put("title", TitleIdeas.of(s.contentType(), v));
        summary.put("focus", Lexicon.label(Lexicon.INTENTS, v.intent));
        summary.put("duration", v.durationSeconds == null ? null : Durations.describe(v.durationSeconds));
        summary.put("duration_seconds", v.durationSeconds);
        summary.put("time_of_day", v.timeOfDay);
        summary.put("place", v.place);
        summary.put("voice_id", v.voiceId != null ? v.voiceId : s.defaults().voiceId());
        summary.put("pace", paceOf(s));
        summary.put("tone", toneOf(s));
        summary.put("cost", quote.cost());
        summary.put("available", quote.available());
        return summary;
    }

    private static String confirmationText(Session s, Map<String, Object> summary) {
        int cost = (Integer) summary.get("cost");
        Integer available = (Integer) summary.get("available");
        String credits = cost + " credit" + (cost == 1 ? "" : "s");
        String balance = available == null ? "I couldn't check your balance just now."
                : available >= cost ? "You have " + available + "." : "You have " + available + ", so you'll need more credits first.";
        return "Here's your " + s.contentType().label() + ": \"" + summary.get("title") + "\", " + summary.get("duration")
                + " for " + summary.get("focus") + ", " + Lexicon.label(Lexicon.TIMES, s.mutableSlots().timeOfDay == null ? "anytime" : s.mutableSlots().timeOfDay)
                + ", in " + voiceDescription(s) + " at a " + summary.get("pace") + " pace. It costs " + credits + ". " + balance
                + " Shall I create it?";
    }

    static String capitalize(String text) {
        return text == null || text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
