package com.waqup.conversation.extraction;

import com.waqup.common.http.VendorException;
import java.util.List;
import java.util.Locale;

import com.waqup.conversation.dialogue.Extraction;
import com.waqup.conversation.dialogue.Extraction.Command;
import com.waqup.conversation.dialogue.Lexicon;
import com.waqup.conversation.dialogue.Slots;
import tools.jackson.databind.JsonNode;

/**
 * Checks and repairs the model's answer before the dialogue sees it (docs/llm.md):
 * <ul>
 * <li>the answer must be an object with {@code slots} (an object), {@code command} (a string), {@code correction}
 * and {@code crisis} (booleans); anything else is {@link VendorException.Reason#MALFORMED}, a vendor failure;</li>
 * <li>a slot value that is not one of the {@link Lexicon}'s keys (after trimming, lower-casing and spaces to
 * underscores), or of the wrong type, is dropped (null); a slot that is absent is null;</li>
 * <li>{@code duration_seconds} must be a whole number of seconds from 1 to 86400, else it is dropped (the dialogue
 * clamps it to 1–60 minutes and tells the person, as it does for the offline extractor);</li>
 * <li>an unknown command is {@code NONE}.</li>
 * </ul>
 */
final class ExtractionReader {

    static final int MAX_DURATION_SECONDS = 24 * 3600;

    private ExtractionReader() {
    }

    static Extraction read(JsonNode answer) {
        if (answer == null || !answer.isObject()) {
            throw VendorException.malformed("the answer is not a JSON object");
        }
        JsonNode slotsNode = answer.get(ExtractionPrompt.SLOTS);
        JsonNode command = answer.get(ExtractionPrompt.COMMAND);
        JsonNode correction = answer.get(ExtractionPrompt.CORRECTION);
        JsonNode crisis = answer.get(ExtractionPrompt.CRISIS);
        if (slotsNode == null || !slotsNode.isObject()) {
            throw VendorException.malformed("the answer has no slots object");
        }
        if (command == null || !command.isString()) {
            throw VendorException.malformed("the answer has no command");
        }
        if (correction == null || !correction.isBoolean() || crisis == null || !crisis.isBoolean()) {
            throw VendorException.malformed("the answer has no correction or crisis flag");
        }
        Slots slots = new Slots();
        slots.intent = key(slotsNode.get("intent"), Lexicon.INTENTS);
        slots.emotionalContext = key(slotsNode.get("emotional_context"), Lexicon.EMOTIONS);
        slots.timeOfDay = key(slotsNode.get("time_of_day"), Lexicon.TIMES);
        slots.place = key(slotsNode.get("place"), Lexicon.PLACES);
        slots.durationSeconds = duration(slotsNode.get("duration_seconds"));
        slots.voiceId = key(slotsNode.get("voice_id"), Lexicon.VOICES);
        slots.pace = key(slotsNode.get("pace"), Lexicon.PACES);
        slots.tone = key(slotsNode.get("tone"), Lexicon.TONES);
        return new Extraction(slots, command(command.stringValue()), correction.booleanValue(), crisis.booleanValue());
    }

    /** The canonical key the value names, or null (unknown values are dropped, not guessed). */
    static String key(JsonNode value, List<Lexicon.Entry> entries) {
        if (value == null || !value.isString()) {
            return null;
        }
        String v = value.stringValue().trim().toLowerCase(Locale.ROOT);
        if (Lexicon.find(entries, v).isPresent()) {
            return v;
        }
        String underscored = v.replace(' ', '_');
        return Lexicon.find(entries, underscored).isPresent() ? underscored : null;
    }

    static Integer duration(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return null;
        }
        double seconds = value.doubleValue();
        if (seconds != Math.rint(seconds) || seconds < 1 || seconds > MAX_DURATION_SECONDS) {
            return null;
        }
        return (int) seconds;
    }

    static Command command(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (Command c : Command.values()) {
            if (c.name().equals(v)) {
                return c;
            }
        }
        return Command.NONE;
    }
}
