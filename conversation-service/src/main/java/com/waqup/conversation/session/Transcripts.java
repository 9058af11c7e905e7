package com.waqup.conversation.session;

import java.sql.Timestamp;
import java.util.Map;
import java.util.UUID;

import com.waqup.conversation.dialogue.DialogueState;
import com.waqup.conversation.dialogue.Session;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every turn through to the seed's Conversations table, so the transcript outlives the Redis session.
 * <p>
 * A turn appends its new messages to the {@code messages} JSONB array in one statement
 * ({@code messages = messages || new}), guarded by the array's length: the append applies only if PostgreSQL holds
 * exactly the messages the session says were persisted ({@link Session#persistedMessages()}). Otherwise (a new
 * session, a row missing, a previous write that was lost, a session from before this field) the whole transcript
 * is written with an upsert, so the row always ends equal to the session's transcript, in order.
 */
@Component
class Transcripts {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    Transcripts(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void save(Session s) {
        String outcome = switch (s.state()) {
            case Completed -> "completed";
            case Cancelled -> "cancelled";
            case Support -> "support";
            default -> null;
        };
        String state = json.writeValueAsString(Map.of("state", s.state().name(), "context", s.slots().toContext(),
                "questions_asked", s.questionsAsked()));
        Timestamp completedAt = s.state() == DialogueState.Completed ? Timestamp.from(s.updatedAt()) : null;
        int persisted = s.persistedMessages();
        int total = s.messages().size();
        if (persisted > 0 && persisted <= total && append(s, persisted, state, outcome, completedAt)) {
            s.markPersisted(total);
            return;
        }
        jdbc.update("""
                insert into conversation (id, user_id, session_id, content_type, messages, state, outcome, created_at,
                                          updated_at, completed_at, resulting_ritual_id)
                values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)
                on conflict (session_id) do update set messages = excluded.messages, state = excluded.state,
                    outcome = excluded.outcome, updated_at = excluded.updated_at,
                    completed_at = coalesce(conversation.completed_at, excluded.completed_at),
                    resulting_ritual_id = coalesce(conversation.resulting_ritual_id, excluded.resulting_ritual_id)
                """, UUID.nameUUIDFromBytes(s.sessionId().getBytes()), s.userId(), s.sessionId(), s.contentType().code(),
                json.writeValueAsString(s.messages()), state, outcome, Timestamp.from(s.createdAt()),
                Timestamp.from(s.updatedAt()), completedAt, s.ritualId());
        s.markPersisted(total);
    }

    /** Appends messages[persisted..] if the row holds exactly {@code persisted} messages; false if it does not. */
    private boolean append(Session s, int persisted, String state, String outcome, Timestamp completedAt) {
        return jdbc.update("""
                update conversation set messages = messages || ?::jsonb, state = ?::jsonb, outcome = ?, updated_at = ?,
                    completed_at = coalesce(completed_at, ?), resulting_ritual_id = coalesce(resulting_ritual_id, ?)
                where session_id = ? and jsonb_array_length(messages) = ?
                """, json.writeValueAsString(s.messages().subList(persisted, s.messages().size())), state, outcome,
                Timestamp.from(s.updatedAt()), completedAt, s.ritualId(), s.sessionId(), persisted) == 1;
    }
}
