package com.waqup.conversation.dialogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

/**
 * One intake conversation: the state document kept in Redis ({@code session:{id}}, 1 h TTL refreshed on every
 * turn) and written through to PostgreSQL with its transcript. Its fields are its JSON in Redis; they change only
 * through the methods below (the dialogue's moves in this package, the use cases' outcomes elsewhere).
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public final class Session {

    public record Message(String role, String content, DialogueState state, Instant at) {
    }

    /** The person's profile defaults for voice, pace and tone (from user-service), applied unless overridden; pace may be null. */
    public record Defaults(String voiceId, String pace, String tone) {
    }

    private String sessionId;
    private UUID userId;
    private ContentType contentType;
    private DialogueState state = DialogueState.Greeting;
    private Slots slots = new Slots();
    private Defaults defaults = new Defaults(null, null, "warm");
    private boolean personalizationConfirmed;
    private int questionsAsked;
    private List<DialogueState> visited = new ArrayList<>();
    private UUID ritualId;
    private Integer estimatedTime;
    private Instant createdAt;
    private Instant updatedAt;
    private List<Message> messages = new ArrayList<>();
    /**
     * How many of {@link #messages} PostgreSQL's transcript holds (its {@code messages} array), so a turn appends
     * only the new ones; a session written before this field existed reads as 0 and gets its transcript rewritten.
     */
    private int persistedMessages;

    private Session() {
    }

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

    public String sessionId() {
        return sessionId;
    }

    public UUID userId() {
        return userId;
    }

    public ContentType contentType() {
        return contentType;
    }

    public DialogueState state() {
        return state;
    }

    /** What the person said so far, as a copy: the slots change only through the dialogue and {@link #presetIntent}. */
    public Slots slots() {
        return slots.copy();
    }

    /** The slots themselves, for the dialogue's moves in this package. */
    Slots mutableSlots() {
        return slots;
    }

    /** The intent the person named when starting (the start's {@code intent}), before the first turn. */
    public void presetIntent(String intent) {
        slots.intent = intent;
    }

    public Defaults defaults() {
        return defaults;
    }

    public boolean personalizationConfirmed() {
        return personalizationConfirmed;
    }

    public int questionsAsked() {
        return questionsAsked;
    }

    /** The item being created, once generation started; {@code null} before. */
    public UUID ritualId() {
        return ritualId;
    }

    public Integer estimatedTime() {
        return estimatedTime;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<Message> messages() {
        return Collections.unmodifiableList(messages);
    }

    /** How many of {@link #messages()} the PostgreSQL transcript holds. */
    public int persistedMessages() {
        return persistedMessages;
    }

    public void record(String role, String content, Instant now) {
        messages.add(new Message(role, content, state, now));
        updatedAt = now;
    }

    /** The transcript now holds the first {@code count} messages. */
    public void markPersisted(int count) {
        persistedMessages = count;
    }

    /** The person declined the confirmation card: back to personalization, to change something. */
    public void reopenPersonalization() {
        state = DialogueState.Personalization;
        personalizationConfirmed = false;
    }

    /** Generation of {@code ritualId} started: the conversation is complete. */
    public void generationStarted(UUID ritualId, int estimatedTime) {
        this.ritualId = ritualId;
        this.estimatedTime = estimatedTime;
        this.state = DialogueState.Completed;
    }

    // ---- the dialogue's moves (Dialogue) ----------------------------------------------------------------------------

    void enterSupport() {
        state = DialogueState.Support;
    }

    void cancel() {
        state = DialogueState.Cancelled;
    }

    /** Everything the person said is forgotten; the dialogue asks for the intent again. */
    void restart() {
        slots = new Slots();
        personalizationConfirmed = false;
        questionsAsked = 0;
        visited.clear();
        state = DialogueState.IntentDiscovery;
    }

    /** Back to the step before this one (the intent when there is none); returns it. */
    DialogueState back() {
        DialogueState previous = DialogueState.IntentDiscovery;
        int at = visited.lastIndexOf(state);
        if (at > 0) {
            previous = visited.get(at - 1);
        } else if (!visited.isEmpty() && visited.get(visited.size() - 1) != state) {
            previous = visited.get(visited.size() - 1);
        }
        if (previous == DialogueState.Personalization) {
            personalizationConfirmed = false;
        }
        state = previous;
        return previous;
    }

    /** The dialogue goes on at {@code next} (remembered for {@link #back()}). */
    void moveTo(DialogueState next) {
        state = next;
        if (visited.isEmpty() || visited.get(visited.size() - 1) != next) {
            visited.add(next);
        }
    }

    void confirmPersonalization() {
        personalizationConfirmed = true;
    }

    void askedQuestion() {
        questionsAsked++;
    }
}
