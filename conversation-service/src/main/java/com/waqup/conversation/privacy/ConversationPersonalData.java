package com.waqup.conversation.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.waqup.common.privacy.PersonalData;

/**
 * A person's conversations for the account export and erasure (docs/privacy.md): the transcripts and final states in
 * PostgreSQL, and the live sessions in Redis ({@code session:{session_id}}, which would otherwise expire within the
 * hour). Redis deletions are idempotent, so a rolled-back erasure that is retried repeats them harmlessly.
 */
@Component
class ConversationPersonalData implements PersonalData {

    private final JdbcTemplate jdbc;
    private final StringRedisTemplate redis;

    ConversationPersonalData(JdbcTemplate jdbc, StringRedisTemplate redis) {
        this.jdbc = jdbc;
        this.redis = redis;
    }

    @Override
    public Object export(UUID userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversations", jdbc.queryForList("""
                select id, session_id, content_type, messages::text as messages, state::text as state, outcome,
                       created_at, updated_at, completed_at, resulting_ritual_id
                  from conversation where user_id = ? order by created_at, id""", userId));
        return data;
    }

    @Override
    public Erasure erase(UUID userId) {
        List<String> sessions = jdbc.queryForList("select session_id from conversation where user_id = ?", String.class, userId);
        long rows = jdbc.update("delete from conversation where user_id = ?", userId);
        if (!sessions.isEmpty()) {
            redis.delete(sessions.stream().map(s -> "session:" + s).toList());
        }
        return Erasure.rows(rows);
    }
}
