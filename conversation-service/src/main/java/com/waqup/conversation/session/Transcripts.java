package com.waqup.conversation.session;

import java.sql.Timestamp;
import java.util.Map;
import java.util.UUID;

import com.waqup.conversation.dialogue.DialogueState;
import com.waqup.conversation.dialogue.Session;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes every turn through to the seed's Conversations table, so the transcript outlives the Redis session. */
@Component
class Transcripts {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    Transcripts(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void save(Session s) {
        String outcome = switch (s.state) {
            case Completed -> "completed";
            case Cancelled -> "cancelled";
            case Support -> "support";
            default -> null;
        };
        Map<String, Object> state = Map.of("state", s.state.name(), "context", s.slots.toContext(),
                "questions_asked", s.questionsAsked);
        Timestamp completedAt = s.state == DialogueState.Completed ? Timestamp.from(s.updatedAt) : null;
        jdbc.update("""
                insert into conversation (id, user_id, session_id, content_type, messages, state, outcome, created_at,
                                          updated_at, completed_at, resulting_ritual_id)
                values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)
                on conflict (session_id) do update set messages = excluded.messages, state = excluded.state,
                    outcome = excluded.outcome, updated_at = excluded.updated_at,
                    completed_at = coalesce(conversation.completed_at, excluded.completed_at),
                    resulting_ritual_id = coalesce(conversation.resulting_ritual_id, excluded.resulting_ritual_id)
                """, UUID.nameUUIDFromBytes(s.sessionId.getBytes()), s.userId, s.sessionId, s.contentType.code(),
                json.writeValueAsString(s.messages), json.writeValueAsString(state), outcome, Timestamp.from(s.createdAt),
                Timestamp.from(s.updatedAt), completedAt, s.ritualId);
    }
}
