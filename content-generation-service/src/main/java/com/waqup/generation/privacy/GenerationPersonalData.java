package com.waqup.generation.privacy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.waqup.common.privacy.PersonalData;

/**
 * A person's generation jobs and the scripts written for them, for the account export and erasure
 * (docs/privacy.md). Erasing a job that is still running is safe: the pipeline ignores events for jobs it does not
 * know, and the person's holds are erased by credit-service.
 */
@Component
class GenerationPersonalData implements PersonalData {

    private final JdbcTemplate jdbc;

    GenerationPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object export(UUID userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("generations", jdbc.queryForList("""
                select j.id, j.session_id, j.content_type, j.status, j.progress, j.cost, j.request::text as request,
                       j.failure_code, j.failure_reason, j.content_version, j.created_at, j.updated_at,
                       s.title, s.tags::text as tags, s.depth, s.plain_text as script_text, s.voice_id, s.writer
                  from generation_job j left join generation_script s on s.job_id = j.id
                 where j.user_id = ? order by j.created_at, j.id""", userId));
        return data;
    }

    @Override
    public Erasure erase(UUID userId) {
        long scripts = jdbc.update("delete from generation_script where job_id in (select id from generation_job where user_id = ?)", userId);
        long jobs = jdbc.update("delete from generation_job where user_id = ?", userId);
        return Erasure.rows(scripts + jobs);
    }
}
