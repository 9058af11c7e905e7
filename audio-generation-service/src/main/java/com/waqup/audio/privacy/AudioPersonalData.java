package com.waqup.audio.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.privacy.PersonalData;
import com.waqup.common.storage.StorageProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * audio-generation's part of the account export and erasure (docs/privacy.md). It holds the person's audio jobs
 * (metadata) and, as the one service that writes audio, is also responsible for the objects under
 * {@code audio/{user_id}/}: the erasure deletes every one of them (listed page by page, deleted in batches), so an
 * upload that raced the erasure does not survive either. A job still rendering when the person is erased loses its
 * row and discards what it uploaded (the job's worker); a request still queued finds the person's tombstone
 * ({@link ErasedPeople}) and renders nothing.
 */
@Component
class AudioPersonalData implements PersonalData {

    private final JdbcTemplate jdbc;
    private final S3Client s3;
    private final StorageProperties storage;
    private final int pageSize;

    AudioPersonalData(JdbcTemplate jdbc, S3Client s3, StorageProperties storage,
            @Value("${waqup.audio.erase-page-size:1000}") int pageSize) {
        this.jdbc = jdbc;
        this.s3 = s3;
        this.storage = storage;
        this.pageSize = Math.max(1, Math.min(1000, pageSize));
    }

    @Override
    public Object export(UUID userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("audio_jobs", jdbc.queryForList("""
                select job_id, version, content_id, status, progress, format, duration_seconds, bitrate_kbps, size_bytes,
                       audio_key, extra_formats, voice_id, voice_name, provider, failure_code, failure_reason,
                       created_at, finished_at
                  from audio_job where user_id = ? order by created_at, job_id, version""", userId));
        return data;
    }

    /**
     * Rows first (under the person's lock, so no job can be claimed for them meanwhile), the tombstone, then every
     * object under the prefix. Idempotent: a second call finds nothing to delete and counts zero.
     */
    @Override
    public Erasure erase(UUID userId) {
        ErasedPeople.lock(jdbc, userId);
        long rows = jdbc.update("delete from audio_job where user_id = ?", userId);
        ErasedPeople.add(jdbc, userId);
        return new Erasure(rows, deleteObjects("audio/" + userId + "/"));
    }

    private long deleteObjects(String prefix) {
        long deleted = 0;
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(storage.bucket()).prefix(prefix).maxKeys(pageSize))) {
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (S3Object object : page.contents()) {
                batch.add(ObjectIdentifier.builder().key(object.key()).build());
            }
            if (batch.isEmpty()) {
                continue;
            }
            var result = s3.deleteObjects(b -> b.bucket(storage.bucket()).delete(d -> d.objects(batch).quiet(true)));
            if (result.hasErrors() && !result.errors().isEmpty()) {
                throw new IllegalStateException("the object store refused to delete " + result.errors().size() + " of the person's objects");
            }
            deleted += batch.size();
        }
        return deleted;
    }
}
