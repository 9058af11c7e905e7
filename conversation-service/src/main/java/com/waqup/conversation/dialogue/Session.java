package com.waqup.conversation.dialogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One intake conversation: the state document kept in Redis ({@code session:{id}}, 1 h TTL refreshed on every
 * turn) and written through to PostgreSQL with its transcript.
 */
public final class Session {

    public record Message(String role, String content, DialogueState state, Instant at) {
    }

    /** The person's profile defaults for voice, pace and tone (from user-service), applied unless overridden. */
    public record Defaults(String voiceId, String pace, String tone) {
    }

    public String sessionId;
    public UUID userId;
    public ContentType contentType;
    public DialogueState state = DialogueState.Greeting;
    public Slots slots = new Slots();
    public Defaults defaults = new Defaults(null, "moderate", "warm");
    public boolean personalizationConfirmed;
    public int questionsAsked;
    public List<DialogueState> visited = new ArrayList<>();
    public UUID ritualId;
    public Integer estimatedTime;
    public Instant createdAt;
    public Instant updatedAt;
    public List<Message> messages = new ArrayList<>();
    /**
     * How many of {@link #messages} PostgreSQL's transcript holds (its {@code messages} array), so a turn appends
     * only the new ones; a session written before this field existed reads as 0 and gets its transcript rewritten.
     */
    public int persistedMessages;

    public static Session start(UUID userId, ContentType type, Defaults defaults, Instant now) {
        Session s = new Session();
        s.sessionId = UUID.randomUUID().toString();
        s.userId = userId;
        s.contentType = type;
        s.defaults = defaults;
        s.createdAt = now;
        s.updatedAt = now;
        return s;
    }

    public void record(String role, String content, Instant now) {
        messages.add(new Message(role, content, state, now));
        updatedAt = now;
    }
}
