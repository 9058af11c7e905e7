package com.waqup.audio.job;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.waqup.audio.job.AudioEvents.AudioCompleted;
import com.waqup.audio.job.AudioEvents.AudioFailed;
import com.waqup.audio.job.AudioEvents.AudioProgress;
import com.waqup.audio.privacy.ErasedPeople;
import com.waqup.common.outbox.IntegrationEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audio jobs' state (table {@code audio_job}) and the events that go with each change, published through the
 * outbox in the same transaction. Every write after the claim is conditioned on the worker still holding the lease,
 * so of two workers that ever rendered the same job only one can complete it: one object key, one audio.completed.
 */
class AudioJobs {

    /** The outcome of trying to take a job. */
    sealed interface Claim permits Claimed, Finished, Busy, Erased {
    }

    /** The person was erased (docs/privacy.md): nothing is rendered for them any more. */
    record Erased() implements Claim {
    }

    /** This worker holds the lease; {@code attempt} counts every claim of the job, crashes included. */
    record Claimed(UUID owner, int attempt) implements Claim {
    }

    /** Completed or failed already: nothing to do, nothing to publish again. */
    record Finished(String status) implements Claim {
    }

    /** Another worker holds a live lease. */
    record Busy(Instant leaseUntil) implements Claim {
    }

    private final JdbcTemplate jdbc;
    private final IntegrationEvents events;
    private final Clock clock;
    private final Duration lease;
    private final JsonMapper json;

    AudioJobs(JdbcTemplate jdbc, IntegrationEvents events, Clock clock, Duration lease, JsonMapper json) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.lease = lease;
        this.json = json;
    }

    @Transactional
    public Claim claim(AudioRequested r) {
        if (lockAndCheckErased(r.userId())) {
            return new Erased();
        }
        Instant now = clock.instant();
        jdbc.update("""
                insert into audio_job (job_id, version, content_id, user_id, status, created_at, updated_at)
                values (?, ?, ?, ?, 'RENDERING', ?, ?) on conflict do nothing""",
                r.jobId(), r.version(), r.contentId(), r.userId(), ts(now), ts(now));
        record Row(String status, Timestamp leaseUntil, int attempts) {
        }
        Row row = jdbc.queryForObject("select status, lease_until, attempts from audio_job where job_id = ? and version = ? for update",
                (rs, i) -> new Row(rs.getString(1), rs.getTimestamp(2), rs.getInt(3)), r.jobId(), r.version());
        if (!"RENDERING".equals(row.status())) {
            return new Finished(row.status());
        }
        if (row.leaseUntil() != null && row.leaseUntil().toInstant().isAfter(now)) {
            return new Busy(row.leaseUntil().toInstant());
        }
        UUID owner = UUID.randomUUID();
        jdbc.update("""
                update audio_job set lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
                where job_id = ? and version = ?""", owner, ts(now.plus(lease)), ts(now), r.jobId(), r.version());
        return new Claimed(owner, row.attempts() + 1);
    }

    /** Records the stage, renews the lease and publishes audio.progress; {@code false} if the lease was lost. */
    @Transactional
    public boolean progress(AudioRequested r, UUID owner, int progress, String stage) {
        Instant now = clock.instant();
        int updated = jdbc.update("""
                update audio_job set progress = ?, stage = ?, lease_until = ?, updated_at = ?
                where job_id = ? and version = ? and status = 'RENDERING' and lease_owner = ?""",
                progress, stage, ts(now.plus(lease)), ts(now), r.jobId(), r.version(), owner);
        if (updated == 1) {
            events.publish(AudioProgress.TYPE, new AudioProgress(r.jobId(), r.contentId(), r.userId(), r.version(), progress, stage));
        }
        return updated == 1;
    }

    /** Renews the lease without an event (long syntheses); {@code false} if it was lost. */
    @Transactional
    public boolean renew(AudioRequested r, UUID owner) {
        Instant now = clock.instant();
        return jdbc.update("""
                update audio_job set lease_until = ?, updated_at = ?
                where job_id = ? and version = ? and status = 'RENDERING' and lease_owner = ?""",
                ts(now.plus(lease)), ts(now), r.jobId(), r.version(), owner) == 1;
    }

    /** Gives the lease back at once (this worker is stopping), so a redelivery need not wait for it to expire. */
    @Transactional
    public void release(AudioRequested r, UUID owner) {
        jdbc.update("update audio_job set lease_until = null, lease_owner = null where job_id = ? and version = ? and lease_owner = ?",
                r.jobId(), r.version(), owner);
    }

    /** Stores the result and publishes audio.completed, once: {@code false} if this worker no longer holds the job. */
    @Transactional
    public boolean complete(AudioRequested r, UUID owner, AudioCompleted done, String provider, long renderMillis) {
        Instant now = clock.instant();
        int updated = jdbc.update("""
                update audio_job set status = 'COMPLETED', progress = 100, stage = null, lease_owner = null, lease_until = null,
                  audio_key = ?, bucket = ?, format = ?, duration_seconds = ?, bitrate_kbps = ?, sample_rate_hz = ?,
                  size_bytes = ?, loudness_lufs = ?, true_peak_dbtp = ?, extra_formats = ?, voice_id = ?, voice_name = ?,
                  provider = ?, render_millis = ?, updated_at = ?, finished_at = ?
                where job_id = ? and version = ? and status = 'RENDERING' and lease_owner = ?""",
                done.audioKey(), done.bucket(), done.format(), done.durationSeconds(), done.bitrateKbps(), done.sampleRateHz(),
                done.sizeBytes(), done.loudnessLufs(), done.truePeakDbtp(), json.writeValueAsString(done.extraFormats()),
                done.voice().id(), done.voice().name(), provider, renderMillis, ts(now), ts(now),
                r.jobId(), r.version(), owner);
        if (updated == 1) {
            events.publish(AudioCompleted.TYPE, done);
        }
        return updated == 1;
    }

    /**
     * Gives the job up and publishes audio.failed, once. {@code owner} null: a request refused before any claim
     * (invalid); it fails the job unless the job already finished.
     */
    @Transactional
    public boolean fail(AudioRequested r, UUID owner, String code, String reason) {
        Instant now = clock.instant();
        int updated;
        if (owner == null) {
            if (lockAndCheckErased(r.userId())) {
                return false;
            }
            jdbc.update("""
                    insert into audio_job (job_id, version, content_id, user_id, status, created_at, updated_at)
                    values (?, ?, ?, ?, 'RENDERING', ?, ?) on conflict do nothing""",
                    r.jobId(), r.version(), r.contentId(), r.userId(), ts(now), ts(now));
            updated = jdbc.update("""
                    update audio_job set status = 'FAILED', failure_code = ?, failure_reason = ?, lease_owner = null,
                      lease_until = null, updated_at = ?, finished_at = ?
                    where job_id = ? and version = ? and status = 'RENDERING'""",
                    code, reason, ts(now), ts(now), r.jobId(), r.version());
        } else {
            updated = jdbc.update("""
                    update audio_job set status = 'FAILED', failure_code = ?, failure_reason = ?, lease_owner = null,
                      lease_until = null, updated_at = ?, finished_at = ?
                    where job_id = ? and version = ? and status = 'RENDERING' and lease_owner = ?""",
                    code, reason, ts(now), ts(now), r.jobId(), r.version(), owner);
        }
        if (updated == 1) {
            events.publish(AudioFailed.TYPE, new AudioFailed(r.jobId(), r.contentId(), r.userId(), r.version(), code, reason, false));
        }
        return updated == 1;
    }

    /**
     * Serializes this transaction with the person's erasure ({@code AudioPersonalData} takes the same lock) and tells
     * whether they were erased: a job is either claimed before the erasure (which then deletes its row, so the worker
     * loses it) or refused after it, never created behind its back.
     */
    boolean lockAndCheckErased(UUID userId) {
        ErasedPeople.lock(jdbc, userId);
        return ErasedPeople.contains(jdbc, userId);
    }

    /** Whether the job's row still exists (an erasure deletes it). */
    boolean exists(AudioRequested r) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from audio_job where job_id = ? and version = ?)",
                Boolean.class, r.jobId(), r.version()));
    }

    List<String> statuses(UUID jobId) {
        return jdbc.queryForList("select status from audio_job where job_id = ?", String.class, jobId);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
