package com.waqup.conversation.dialogue;

import java.util.List;
import java.util.regex.Pattern;

import com.waqup.conversation.dialogue.Extraction.Command;

/**
 * The offline extractor: the {@link Lexicon}, the duration parser and a few rules. Deterministic, no network.
 * Commands (cancel, back, yes…) count only in short messages or at the start of one, so "I can't stop
 * worrying" is not a cancellation and "back pain" is not a step back. Voice, pace and tone are read only when
 * the message talks about the voice or the dialogue is at the personalization step ("strong" is not a tone in
 * "I want to feel strong").
 */
public class LexiconExtractor implements SlotExtractor {

    private static final Pattern ABOUT_VOICE = Pattern.compile("\\b(voice|tone|pace|speed|speak|speaking|spoken|talk|talking|sound|sounds|narrat\\w*|read|reading)\\b");

    @Override
    public Extraction extract(String message, ContentType type, DialogueState state) {
        String n = Lexicon.normalize(message);
        boolean crisis = Lexicon.hasAny(n, Lexicon.CRISIS);
        Slots slots = new Slots();
        Lexicon.best(n, Lexicon.INTENTS).ifPresent(e -> slots.intent = e.key());
        Lexicon.best(n, Lexicon.EMOTIONS).ifPresent(e -> slots.emotionalContext = e.key());
        Lexicon.best(n, Lexicon.TIMES).ifPresent(e -> slots.timeOfDay = e.key());
        Lexicon.best(n, Lexicon.PLACES).ifPresent(e -> slots.place = e.key());
        Durations.parse(message, type).ifPresent(seconds -> slots.durationSeconds = seconds);
        Lexicon.best(n, Lexicon.VOICES).ifPresent(e -> slots.voiceId = e.key());
        if (state == DialogueState.Personalization || ABOUT_VOICE.matcher(n).find()) {
            Lexicon.best(n, Lexicon.PACES).ifPresent(e -> slots.pace = e.key());
            Lexicon.best(n, Lexicon.TONES).ifPresent(e -> slots.tone = e.key());
        }
        boolean correction = Lexicon.hasAny(n, Lexicon.CORRECTION);
        return new Extraction(slots, command(n), correction, crisis);
    }

    static Command command(String n) {
        int words = n.trim().isEmpty() ? 0 : n.trim().split(" ").length;
        if (commandIn(n, words, Lexicon.CANCEL, 4)) {
            return Command.CANCEL;
        }
        if (commandIn(n, words, Lexicon.RESTART, 5)) {
            return Command.RESTART;
        }
        if (commandIn(n, words, Lexicon.BACK, 4)) {
            return Command.BACK;
        }
        if (commandIn(n, words, Lexicon.SKIP, 4)) {
            return Command.SKIP;
        }
        if (Lexicon.hasAny(n, List.of("you choose", "you pick", "you decide", "up to you", "surprise me", "your call"))
                || commandIn(n, words, Lexicon.DEFAULTS, 5)) {
            return Command.DEFAULTS;
        }
        if (commandIn(n, words, Lexicon.NO, 6)) {
            return Command.NO;
        }
        if (commandIn(n, words, Lexicon.YES, 6)) {
            return Command.YES;
        }
        return Command.NONE;
    }

    private static boolean commandIn(String n, int words, List<String> phrases, int maxWords) {
        for (String phrase : phrases) {
            if (n.startsWith(" " + phrase + " ") || (words <= maxWords && Lexicon.has(n, phrase))) {
                return true;
            }
        }
        return false;
    }
}
