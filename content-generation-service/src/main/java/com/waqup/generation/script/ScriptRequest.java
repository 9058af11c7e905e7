package com.waqup.generation.script;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a script writer needs from a generation job: its ids and the conversation's confirmed slots. The slot
 * values are the conversation's keys ({@code intent} "wind_down", {@code emotional_context} "restless",
 * {@code time_of_day} "evening", {@code place} "bed", {@code pace} "slow", {@code tone} "gentle"); any of them may
 * be missing, except {@code pace}, which is always the pace the practice is written at ({@link Pace#forPractice}:
 * the person's, or the type's default). {@code titleHint} is the title the confirmation card showed, {@code language} an IETF tag ("en").
 */
public record ScriptRequest(UUID jobId, UUID userId, ScriptType contentType, String intent, String emotionalContext,
        String timeOfDay, String place, Integer durationSeconds, String pace, String tone, String titleHint,
        String language) {

    /** The conversation clamps lengths to 1–60 minutes; a writer does the same with whatever it is given. */
    public static final int MIN_SECONDS = 60;
    public static final int MAX_SECONDS = 3600;

    /** A slot key: lower-case letters, digits and underscores, as the conversation's Lexicon writes them. */
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    /**
     * Slot values are keys; anything else (free text, another case, too long) is dropped here, so no stray text can
     * reach a script or its tags.
     */
    public ScriptRequest {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(contentType, "contentType");
        intent = key(intent);
        emotionalContext = key(emotionalContext);
        timeOfDay = key(timeOfDay);
        place = key(place);
        pace = Pace.forPractice(key(pace), contentType, intent).code();
        tone = key(tone);
    }

    private static String key(String value) {
        if (value == null) {
            return null;
        }
        String key = value.strip().toLowerCase(Locale.ROOT);
        return KEY.matcher(key).matches() ? key : null;
    }

    /**
     * A request from a job's stored {@code request} object (as conversation-service sends it: {@code intent},
     * {@code emotional_context}, {@code time_of_day}, {@code place}, {@code duration_seconds}, {@code pace},
     * {@code tone}, {@code title}, optionally {@code language}). Values of the wrong JSON type are ignored, as is
     * anything else in the object.
     */
    public static ScriptRequest fromJob(UUID jobId, UUID userId, ScriptType contentType, Map<String, ?> request) {
        Object duration = request.get("duration_seconds");
        Integer seconds = duration instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < Integer.MAX_VALUE ? n.intValue() : null;
        return new ScriptRequest(jobId, userId, contentType, text(request, "intent"), text(request, "emotional_context"),
                text(request, "time_of_day"), text(request, "place"), seconds, text(request, "pace"), text(request, "tone"),
                text(request, "title"), text(request, "language"));
    }

    private static String text(Map<String, ?> request, String key) {
        return request.get(key) instanceof String s && !s.isBlank() ? s.trim() : null;
    }

    /** The length to write for: {@code durationSeconds} clamped to 1–60 minutes, or the type's usual length. */
    public int targetSeconds() {
        int seconds = durationSeconds == null || durationSeconds <= 0 ? contentType.defaultSeconds() : durationSeconds;
        return Math.clamp(seconds, MIN_SECONDS, MAX_SECONDS);
    }

    public int wordsPerMinute() {
        return Pace.of(pace).wordsPerMinute();
    }
}
