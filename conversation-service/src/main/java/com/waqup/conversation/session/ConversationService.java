package com.waqup.conversation.session;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.conversation.dialogue.ContentType;
import com.waqup.conversation.dialogue.Dialogue;
import com.waqup.conversation.dialogue.DialogueState;
import com.waqup.conversation.dialogue.Extraction;
import com.waqup.conversation.dialogue.Session;
import com.waqup.conversation.dialogue.SlotExtractor;
import org.springframework.stereotype.Service;

/** The conversation use cases, shared by the REST API and the WebSocket. */
@Service
public class ConversationService {

    private final SessionStore sessions;
    private final Transcripts transcripts;
    private final SlotExtractor extractor;
    private final ProfileClient profiles;
    private final CreditClient credits;
    private final GenerationClient generation;
    private final Clock clock;

    ConversationService(SessionStore sessions, Transcripts transcripts, SlotExtractor extractor, ProfileClient profiles,
            CreditClient credits, GenerationClient generation, Clock clock) {
        this.sessions = sessions;
        this.transcripts = transcripts;
        this.extractor = extractor;
        this.profiles = profiles;
        this.credits = credits;
        this.generation = generation;
        this.clock = clock;
    }

    public record Turn(String sessionId, DialogueState state, String response, Map<String, Object> context,
            Map<String, Object> summary) {
    }

    /** What {@link #complete} did: generation started, or the person went back to change something. */
    public sealed interface Completion permits Started, Reopened {
    }

    /** Generation started (or had started): the seed's {@code {ritual_id, status, estimated_time}}. */
    public record Started(UUID ritualId, String status, int estimatedTime) implements Completion {
    }

    /** {@code confirm: false}: the dialogue is back at personalization, with this turn. */
    public record Reopened(Turn turn) implements Completion {
    }

    public Turn start(UUID userId, String contentType, String intent) {
        ContentType type = ContentType.of(contentType).orElseThrow(
                () -> DomainException.invalidField("content_type", "must be one of affirmation, guided_meditation, ritual"));
        Session session = Session.start(userId, type, profiles.defaultsFor(userId), clock.instant());
        if (intent != null && !intent.isBlank()) {
            Extraction x = extractor.extract(intent, type, DialogueState.IntentDiscovery);
            session.presetIntent(x.slots().intent);
        }
        String greeting = Dialogue.greeting(type, session.slots().intent);
        session.record("assistant", greeting, clock.instant());
        save(session);
        return new Turn(session.sessionId(), session.state(), greeting, session.slots().toContext(), null);
    }

    public Turn message(UUID userId, String sessionId, String message) {
        return locked(userId, sessionId, (session, lease) -> {
            if (session.state().closed()) {
                throw new DomainException(ErrorKind.CONFLICT, "SESSION_CLOSED", "This conversation has ended; start a new one");
            }
            session.record("user", message, clock.instant());
            Extraction x = extractor.extract(message, session.contentType(), session.state());
            Dialogue.Reply reply = Dialogue.turn(session, x, () -> credits.quote(session.userId(), session.contentType()));
            session.record("assistant", reply.text(), clock.instant());
            save(session, lease);
            return new Turn(session.sessionId(), session.state(), reply.text(), session.slots().toContext(), reply.summary());
        });
    }

    public Session state(UUID userId, String sessionId) {
        return owned(userId, sessionId);
    }

    public Map<String, Object> summaryOf(Session session) {
        return session.state() == DialogueState.Confirmation ? Dialogue.summary(session, credits.quote(session.userId(), session.contentType())) : null;
    }

    /**
     * {@code confirm: true} at Confirmation starts generation (content-generation places the hold); repeating it
     * returns the same ritual id. {@code confirm: false} goes back to the dialogue.
     */
    public Completion complete(UUID userId, String sessionId, boolean confirm) {
        return locked(userId, sessionId, (session, lease) -> {
            if (session.ritualId() != null) {
                return new Started(session.ritualId(), "generating", session.estimatedTime() == null ? 60 : session.estimatedTime());
            }
            if (session.state() == DialogueState.Support) {
                throw new DomainException(ErrorKind.CONFLICT, "SESSION_IN_SUPPORT",
                        "This conversation is paused for your wellbeing; nothing will be created from it");
            }
            if (session.state().closed()) {
                throw new DomainException(ErrorKind.CONFLICT, "SESSION_CLOSED", "This conversation has ended; start a new one");
            }
            if (session.state() != DialogueState.Confirmation) {
                throw new DomainException(ErrorKind.CONFLICT, "SESSION_NOT_READY",
                        "A few details are still missing before this can be created", Map.of("state", session.state().name()));
            }
            if (!confirm) {
                session.reopenPersonalization();
                String text = "No problem. What would you like to change: the focus, the length, the time, or the voice?";
                session.record("assistant", text, clock.instant());
                save(session, lease);
                return new Reopened(new Turn(session.sessionId(), session.state(), text, session.slots().toContext(), null));
            }
            Map<String, Object> request = new LinkedHashMap<>(Dialogue.summary(session, new Dialogue.Quote(0, null)));
            request.remove("cost");
            request.remove("available");
            request.put("pace", Dialogue.chosenPace(session)); // the card names the effective pace; only a choice is sent
            request.put("intent", session.slots().intent);
            request.put("emotional_context", session.slots().emotionalContext);
            GenerationClient.Started started = generation.start(session.sessionId(), userId, session.contentType().code(), request);
            session.generationStarted(started.ritualId(), started.estimatedTime());
            session.record("assistant", "Creating your " + session.contentType().label() + " now.", clock.instant());
            save(session, lease);
            return new Started(started.ritualId(), "generating", started.estimatedTime());
        });
    }

    /** The work of one turn on a locked session; it ends with {@link #save(Session, SessionStore.Lease)} or changes nothing. */
    private interface TurnWork<T> {
        T apply(Session session, SessionStore.Lease lease);
    }

    /**
     * Takes the session's turn lock and reads the session in one Redis round trip (so the turn sees the latest
     * state); a turn that saves releases the lock with its write, any other outcome releases it here, without waiting
     * for Redis (a turn that failed because Redis stalls must not wait for it twice, nor keep the lock).
     */
    private <T> T locked(UUID userId, String sessionId, TurnWork<T> work) {
        SessionStore.Lease lease = sessions.lockAndFind(sessionId).orElseThrow(() ->
                new DomainException(ErrorKind.CONFLICT, "SESSION_BUSY", "The previous message is still being handled"));
        try {
            Session session = lease.session().filter(s -> s.userId().equals(userId)).orElseThrow(ConversationService::notFound);
            return work.apply(session, lease);
        } finally {
            if (!lease.released()) {
                sessions.releaseSoon(lease);
            }
        }
    }

    /** The session if it exists and is the caller's; a missing, expired or foreign one is the same 404. */
    private Session owned(UUID userId, String sessionId) {
        return sessions.find(sessionId).filter(s -> s.userId().equals(userId)).orElseThrow(ConversationService::notFound);
    }

    private static DomainException notFound() {
        return DomainException.notFound("SESSION_NOT_FOUND", "No such conversation (it may have expired)");
    }

    /**
     * Postgres first (the transcript's new messages are appended, see {@link Transcripts}), then Redis: if the Redis
     * write fails after the commit, the session in Redis still counts the old number of persisted messages and the
     * next write rewrites the transcript from it, so Postgres never keeps a turn that Redis does not know.
     */
    private void save(Session session) {
        transcripts.save(session);
        sessions.save(session);
    }

    /** As {@link #save(Session)} inside a turn: the Redis write also releases the turn lock. */
    private void save(Session session, SessionStore.Lease lease) {
        transcripts.save(session);
        sessions.saveAndRelease(session, lease);
    }
}

