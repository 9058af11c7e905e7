package com.waqup.generation.llm;

import java.util.List;
import java.util.Locale;

import com.waqup.generation.script.ScriptRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an LLM is asked: a system prompt with the type's rules, the person's confirmed slots, and a JSON schema of
 * the script model (strict: every property required, nothing else allowed) that both vendors use for structured
 * output.
 */
final class ScriptPrompt {

    static final String TOOL = "write_script";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private ScriptPrompt() {
    }

    static String system(ScriptRequest request) {
        String rules = switch (request.contentType()) {
            case AFFIRMATION -> """
                    An affirmation set: sections "opening", then one "affirmations" section per statement, then "closing".
                    Each affirmations section starts with one short present-tense first-person statement beginning
                    with "I" (no "you", no "will"), said 2 or 3 times (repeat it as separate segments) with a pause
                    to repeat it silently after each.""";
            case GUIDED_MEDITATION -> """
                    A guided meditation: exactly five sections in this order: "settling", "breath", "body",
                    "visualization", "return". Induce a calm state: settle, breathe (timed in/out cues), scan the
                    body, one visualization told in order with held silences, then return (or drift to sleep at night).""";
            case RITUAL -> """
                    A ritual: "opening", then one "step" section per ordered step, then "closing". Each step: the
                    action to do ("Step one. ..."), a pause long enough to do it, the identity it encodes as a line
                    starting with "I am someone who", and an anchor tying it to everyday life.""";
        };
        return """
                You write spoken scripts for waQup, a voice-first practice app. The script is voiced by a calm TTS
                voice: plain sentences, no markdown, no stage directions, no placeholders, no emojis.
                """ + rules + """

                Every segment is one thing said, followed by "pause_after": seconds of silence (0 to 60).
                Use the person's own intent, feeling, time of day and place in the words. Give a short title (at
                most 6 words) and 3 to 6 lower-case tags.""";
    }

    static String user(ScriptRequest request) {
        int target = request.targetSeconds();
        int wpm = request.wordsPerMinute();
        double speechShare = switch (request.contentType()) {
            case AFFIRMATION -> 0.6;
            case GUIDED_MEDITATION -> 0.45;
            case RITUAL -> 0.5;
        };
        int words = (int) Math.round(target / 60.0 * wpm * speechShare);
        ObjectNode slots = JSON.createObjectNode();
        slots.put("content_type", request.contentType().code());
        put(slots, "intent", request.intent());
        put(slots, "emotional_context", request.emotionalContext());
        put(slots, "time_of_day", request.timeOfDay());
        put(slots, "place", request.place());
        put(slots, "tone", request.tone());
        put(slots, "title_idea", request.titleHint());
        return String.format(Locale.ROOT, """
                Write the script for this request: %s
                It must last %d seconds when read at %d words per minute, pauses included: write about %d words in
                total and let the pauses carry the rest.""", JSON.writeValueAsString(slots), target, wpm, words);
    }

    private static void put(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    /** The script model as a JSON schema, section kinds limited to the type's. */
    static ObjectNode schema(ScriptRequest request) {
        List<String> kinds = switch (request.contentType()) {
            case AFFIRMATION -> List.of("opening", "affirmations", "closing");
            case GUIDED_MEDITATION -> List.of("settling", "breath", "body", "visualization", "return");
            case RITUAL -> List.of("opening", "step", "closing");
        };
        ObjectNode segment = object(List.of("text", "pause_after"));
        ((ObjectNode) segment.get("properties")).putObject("text").put("type", "string");
        ((ObjectNode) segment.get("properties")).putObject("pause_after").put("type", "number");
        ObjectNode section = object(List.of("kind", "segments"));
        ObjectNode kind = ((ObjectNode) section.get("properties")).putObject("kind").put("type", "string");
        ArrayNode allowed = kind.putArray("enum");
        kinds.forEach(allowed::add);
        ObjectNode segments = ((ObjectNode) section.get("properties")).putObject("segments").put("type", "array");
        segments.set("items", segment);
        ObjectNode root = object(List.of("title", "sections", "tags"));
        ObjectNode properties = (ObjectNode) root.get("properties");
        properties.putObject("title").put("type", "string");
        properties.putObject("sections").put("type", "array").set("items", section);
        properties.putObject("tags").put("type", "array").putObject("items").put("type", "string");
        return root;
    }

    private static ObjectNode object(List<String> required) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "object");
        node.put("additionalProperties", false);
        ArrayNode names = node.putArray("required");
        required.forEach(names::add);
        node.putObject("properties");
        return node;
    }
}
