package com.waqup.conversation.dialogue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the dialogue has learned. {@code null} means not known yet. Durations are seconds; the other values
 * are canonical keys from the {@link Lexicon} (an intent key, {@code evening}, {@code bed}, {@code slower}…).
 */
public final class Slots {

    public String intent;
    public String emotionalContext;
    public String timeOfDay;
    public String place;
    public Integer durationSeconds;
    public String voiceId;
    public String pace;
    public String tone;

    public Slots copy() {
        Slots s = new Slots();
        s.intent = intent;
        s.emotionalContext = emotionalContext;
        s.timeOfDay = timeOfDay;
        s.place = place;
        s.durationSeconds = durationSeconds;
        s.voiceId = voiceId;
        s.pace = pace;
        s.tone = tone;
        return s;
    }

    /** Copies every slot {@code other} knows into this one (a later statement wins). */
    public void mergeFrom(Slots other) {
        if (other.intent != null) {
            intent = other.intent;
        }
        if (other.emotionalContext != null) {
            emotionalContext = other.emotionalContext;
        }
        if (other.timeOfDay != null) {
            timeOfDay = other.timeOfDay;
        }
        if (other.place != null) {
            place = other.place;
        }
        if (other.durationSeconds != null) {
            durationSeconds = other.durationSeconds;
        }
        if (other.voiceId != null) {
            voiceId = other.voiceId;
        }
        if (other.pace != null) {
            pace = other.pace;
        }
        if (other.tone != null) {
            tone = other.tone;
        }
    }

    public boolean isEmpty() {
        return intent == null && emotionalContext == null && timeOfDay == null && place == null && durationSeconds == null
                && voiceId == null && pace == null && tone == null;
    }

    /** The seed's {@code context} object: what the client shows back to the person. */
    public Map<String, Object> toContext() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("intent", intent);
        context.put("emotional_context", emotionalContext);
        context.put("time_preference", timeOfDay);
        context.put("place", place);
        context.put("duration", durationSeconds == null ? null : Durations.describe(durationSeconds));
        context.put("duration_seconds", durationSeconds);
        context.put("voice_id", voiceId);
        context.put("pace", pace);
        context.put("tone", tone);
        return context;
    }
}
