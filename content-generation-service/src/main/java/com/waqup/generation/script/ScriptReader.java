package com.waqup.generation.script;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Reads a script an LLM wrote ({@code {"title", "sections": [{"kind", "segments": [{"text", "pause_after"}]}],
 * "tags"}}) into the model, then {@link ScriptCheck#repair fits its pauses} to the requested length. What the model
 * does not decide: the type, the depth (system-assigned, {@link Depth#of}), the target, the language ("en"). Its
 * tags are kept when they are keys ({@code [a-z][a-z0-9_]*}) and follow the request's own (intent, type, feeling,
 * time, place). Anything that cannot be read is an {@link InvalidScriptException}.
 */
public final class ScriptReader {

    static final int MAX_TAGS = 10;
    private static final Pattern TAG = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private ScriptReader() {
    }

    public static Script read(JsonNode answer, ScriptRequest request) {
        if (answer == null || !answer.isObject()) {
            throw new InvalidScriptException("the answer is not a JSON object");
        }
        JsonNode sectionsNode = answer.path("sections");
        if (!sectionsNode.isArray() || sectionsNode.isEmpty()) {
            throw new InvalidScriptException("the answer has no sections");
        }
        List<Section> sections = new ArrayList<>();
        for (JsonNode sectionNode : sectionsNode) {
            String kindCode = sectionNode.path("kind").asString("");
            SectionKind kind = Arrays.stream(SectionKind.values()).filter(k -> k.code().equals(kindCode))
                    .findFirst().orElseThrow(() -> new InvalidScriptException("unknown section kind"));
            List<Segment> segments = new ArrayList<>();
            for (JsonNode segmentNode : sectionNode.path("segments")) {
                String text = segmentNode.path("text").asString("").strip().replaceAll("\\s+", " ");
                if (text.isEmpty()) {
                    continue; // an empty line says nothing: dropped
                }
                JsonNode pause = segmentNode.path("pause_after");
                if (!pause.isMissingNode() && !pause.isNull() && !pause.isNumber()) {
                    throw new InvalidScriptException("a pause is not a number");
                }
                double seconds = pause.isNumber() ? pause.asDouble() : 0;
                if (!Double.isFinite(seconds)) {
                    throw new InvalidScriptException("a pause is not a number");
                }
                segments.add(new Segment(text, Math.clamp(seconds, 0, ScriptCheck.MAX_PAUSE)));
            }
            if (segments.isEmpty()) {
                throw new InvalidScriptException("a section has no segments");
            }
            sections.add(new Section(kind, segments));
        }
        int target = request.targetSeconds();
        Script script = new Script(title(answer, request), request.contentType(), sections, tags(answer, request),
                Depth.of(request.contentType(), target), target, ComposerScriptWriter.LANGUAGE);
        return ScriptCheck.repair(script, request.wordsPerMinute());
    }

    private static String title(JsonNode answer, ScriptRequest request) {
        String hint = request.titleHint() == null ? "" : request.titleHint().strip().replaceAll("\\s+", " ");
        String title = hint.isEmpty() ? answer.path("title").asString("").strip().replaceAll("\\s+", " ") : hint;
        if (title.isEmpty()) {
            throw new InvalidScriptException("the answer has no title");
        }
        return title.length() <= ComposerScriptWriter.MAX_TITLE_LENGTH ? title
                : title.substring(0, ComposerScriptWriter.MAX_TITLE_LENGTH).strip();
    }

    private static List<String> tags(JsonNode answer, ScriptRequest request) {
        List<String> tags = new ArrayList<>(ComposerScriptWriter.tags(request));
        for (JsonNode tag : answer.path("tags")) {
            String key = tag.asString("").strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            if (tags.size() < MAX_TAGS && TAG.matcher(key).matches() && !tags.contains(key)) {
                tags.add(key);
            }
        }
        return tags;
    }
}
