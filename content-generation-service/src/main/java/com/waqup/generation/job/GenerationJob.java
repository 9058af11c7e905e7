package com.waqup.generation.job;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One generation: a conversation's confirmed request turned into a content item. Its id is also the id of that
 * item ({@code ritual_id} for clients) and of the credit hold in credit-service.
 * <p>
 * The job guards its own life cycle: {@code queued → writing → voicing → ready}, and {@code failed} from any state
 * that is not terminal; every other transition throws {@link IllegalTransitionException}. Progress only grows and
 * is 100 exactly when the job is ready. The pipeline drives these methods (script writing, audio
 * hand-off, audio events); it must capture the credit hold when it calls {@link #markReady} and release it when it
 * calls {@link #fail}. Concurrent writers are caught by optimistic locking ({@code version}).
 */
@Entity
@Table(name = "generation_job")
class GenerationJob {

    @Id
    private UUID id;
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;
    @Column(name = "session_id", nullable = false, updatable = false)
    private String sessionId;
    @Column(name = "content_type", nullable = false, updatable = false)
    private ContentType contentType;
    @Column(nullable = false)
    private JobStatus status;
    @Column(nullable = false)
    private int progress;
    @Column(nullable = false, updatable = false)
    private int cost;
    /** The confirmed slots as a JSON object, stored as received (jsonb). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    private String request;
    @Column(name = "failure_reason")
    private String failureReason;
    @Column(name = "estimated_seconds", nullable = false)
    private int estimatedSeconds;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private Long version;
    /** What credit-service must still be told before the job may end (docs/generation.md). */
    @Column(name = "settlement")
    private Settlement settlement;
    @Column(name = "failure_code")
    private String failureCode;
    /** The reason the job will fail with once its credits are released. */
    @Column(name = "pending_reason")
    private String pendingReason;
    @Column(name = "writing_attempts", nullable = false)
    private int writingAttempts;
    @Column(name = "content_version", nullable = false, updatable = false)
    private int contentVersion = 1;
    /** The content item the job produces a version of: the job's own id for a creation. */
    @Column(name = "content_id", nullable = false, updatable = false)
    private UUID contentId;
    /** {@code create} (a conversation's new item) or {@code revoice} (a new version of an existing item). */
    @Column(nullable = false, updatable = false)
    private String kind = CREATE;
    /** audio.completed's metadata (key, format, duration, size, bitrate, voice), a JSON object. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "audio")
    private String audio;

    static final String CREATE = "create";
    static final String REVOICE = "revoice";

    protected GenerationJob() {
    }

    /** The idempotency key of a re-voice: one job per version of an item. */
    /** The session key of a personalization job: the library's personalization id. */
    static String personalizationKey(UUID personalizationId) {
        return "personalize:" + personalizationId;
    }

    static String revoiceKey(UUID contentId, int version) {
        return "revoice:" + contentId + ":" + version;
    }

    /**
     * The job id of a conversation session: the same session always gives the same id, so a request retried after
     * a crash (credits already held, job not yet stored) finds credit-service's hold again instead of placing a
     * second one.
     */
    static UUID idFor(String sessionId) {
        return UUID.nameUUIDFromBytes(("generation:" + sessionId).getBytes(StandardCharsets.UTF_8));
    }

    /** A new job, waiting for the pipeline; its credits ({@code cost}) are already held. */
    static GenerationJob queue(String sessionId, UUID userId, ContentType contentType, int cost, String request,
            int estimatedSeconds, Instant now) {
        if (cost <= 0 || estimatedSeconds <= 0) {
            throw new IllegalArgumentException("cost and estimated time must be positive");
        }
        GenerationJob job = new GenerationJob();
        job.id = idFor(Objects.requireNonNull(sessionId));
        job.contentId = job.id;
        job.sessionId = sessionId;
        job.userId = Objects.requireNonNull(userId);
        job.contentType = Objects.requireNonNull(contentType);
        job.status = JobStatus.QUEUED;
        job.progress = 0;
        job.cost = cost;
        job.request = Objects.requireNonNull(request);
        job.estimatedSeconds = estimatedSeconds;
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }

    /**
     * A new version ({@code version} ≥ 2) of an existing item, voiced from a script the library sends (no writer);
     * {@code cost} is what credit-service held (0 for an offline voice: nothing held). The id is derived from the item
     * and the version, so a repeated request finds the same job and the same hold.
     */
    static GenerationJob revoice(UUID contentId, int version, UUID userId, ContentType contentType, int cost,
            String request, int estimatedSeconds, Instant now) {
        if (cost < 0 || estimatedSeconds <= 0 || version < 2) {
            throw new IllegalArgumentException("a re-voice has a cost ≥ 0, a positive estimate and a version ≥ 2");
        }
        GenerationJob job = new GenerationJob();
        job.sessionId = revoiceKey(Objects.requireNonNull(contentId), version);
        job.id = idFor(job.sessionId);
        job.contentId = contentId;
        job.contentVersion = version;
        job.kind = REVOICE;
        job.userId = Objects.requireNonNull(userId);
        job.contentType = Objects.requireNonNull(contentType);
        job.status = JobStatus.QUEUED;
        job.cost = cost;
        job.request = Objects.requireNonNull(request);
        job.estimatedSeconds = estimatedSeconds;
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }

    // ---- life cycle (driven by the pipeline) ---------------------------------------------------

    /** The script writer took the job (once more after a crash: {@link #restartWriting}). */
    void startWriting(Instant now) {
        move(JobStatus.QUEUED, JobStatus.WRITING, now);
        writingAttempts++;
    }

    /**
     * A writer that took the job never finished (its process died): the job waits for the writer again. Its
     * progress stays; it only grows.
     */
    void restartWriting(Instant now) {
        if (settlement != null) {
            throw new IllegalTransitionException(id, status, "be written again while settling");
        }
        move(JobStatus.WRITING, JobStatus.QUEUED, now);
    }

    /**
     * The audio is stored: the credits are to be captured, then the job is ready ({@link #markReady}). Returns
     * false (and changes nothing) when the job is not voicing or already settling, e.g. failed by its deadline
     * meanwhile: the first outcome wins.
     */
    boolean awaitCapture(String audioJson, Instant now) {
        if (status != JobStatus.VOICING || settlement != null) {
            return false;
        }
        settlement = Settlement.CAPTURE;
        audio = Objects.requireNonNull(audioJson);
        updatedAt = now;
        return true;
    }

    /**
     * The job cannot finish ({@code code}, {@code reason}): its credits are to be released, then it fails
     * ({@link #failAsPending}). Returns false (and changes nothing) when the job already ended or already
     * settles: the first outcome wins.
     */
    boolean awaitRelease(String code, String reason, Instant now) {
        if (status.terminal() || settlement != null) {
            return false;
        }
        if (code == null || code.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a release needs a code and a reason");
        }
        settlement = Settlement.RELEASE;
        failureCode = code;
        pendingReason = reason.length() > 500 ? reason.substring(0, 500) : reason;
        updatedAt = now;
        return true;
    }

    /** The release credit-service confirmed: the job fails with the reason it was waiting with. */
    void failAsPending(Instant now) {
        if (settlement != Settlement.RELEASE) {
            throw new IllegalTransitionException(id, status, "fail without a pending release");
        }
        fail(pendingReason, now);
    }

    /**
     * The capture credit-service refused because the hold was already released (it expired): the job fails with
     * {@code code} instead of delivering an item nobody paid for.
     */
    void failInsteadOfCapture(String code, String reason, Instant now) {
        if (settlement != Settlement.CAPTURE) {
            throw new IllegalTransitionException(id, status, "fail a capture it does not wait for");
        }
        failureCode = code;
        fail(reason, now);
    }

    /** The script is stored and handed to audio-generation ({@code audio.requested}). */
    void startVoicing(Instant now) {
        move(JobStatus.WRITING, JobStatus.VOICING, now);
    }

    /**
     * Progress of the running job, 0–99 (100 means ready, see {@link #markReady}). Progress never goes back: a lower
     * value (an event that arrived late) is ignored, as is any report for a job that already ended, since events
     * arrive in any order. Returns whether the progress changed.
     */
    boolean reportProgress(int percent, Instant now) {
        if (percent < 0 || percent > 99) {
            throw new IllegalArgumentException("progress of a running job is 0..99, not " + percent);
        }
        if (status.terminal()) {
            return false;
        }
        if (status == JobStatus.QUEUED) {
            throw new IllegalTransitionException(id, status, "report progress");
        }
        if (percent <= progress) {
            return false;
        }
        progress = percent;
        updatedAt = now;
        return true;
    }

    /** The audio is stored: the item is in the owner's library. The caller captures the credit hold. */
    void markReady(Instant now) {
        move(JobStatus.VOICING, JobStatus.READY, now);
        progress = 100;
        settlement = null;
    }

    /** The job cannot finish. The caller releases the credit hold and tells the person why. */
    void fail(String reason, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a failed job needs a reason");
        }
        if (status.terminal()) {
            throw new IllegalTransitionException(id, status, "fail");
        }
        status = JobStatus.FAILED;
        failureReason = reason;
        settlement = null;
        updatedAt = now;
    }

    private void move(JobStatus from, JobStatus to, Instant now) {
        if (status != from) {
            throw new IllegalTransitionException(id, status, "move to " + to.code());
        }
        status = to;
        updatedAt = now;
    }

    /** A transition the life cycle does not allow: a bug in the caller, never a client's mistake. */
    static class IllegalTransitionException extends IllegalStateException {

        IllegalTransitionException(UUID jobId, JobStatus status, String what) {
            super("generation job " + jobId + " is " + status.code() + " and cannot " + what);
        }
    }

    // ---- reads --------------------------------------------------------------------------------------------

    UUID id() {
        return id;
    }

    UUID userId() {
        return userId;
    }

    String sessionId() {
        return sessionId;
    }

    ContentType contentType() {
        return contentType;
    }

    JobStatus status() {
        return status;
    }

    int progress() {
        return progress;
    }

    int cost() {
        return cost;
    }

    String request() {
        return request;
    }

    String failureReason() {
        return failureReason;
    }

    Settlement settlement() {
        return settlement;
    }

    String failureCode() {
        return failureCode;
    }

    String pendingReason() {
        return pendingReason;
    }

    int writingAttempts() {
        return writingAttempts;
    }

    int contentVersion() {
        return contentVersion;
    }

    UUID contentId() {
        return contentId;
    }

    boolean revoice() {
        return REVOICE.equals(kind);
    }

    /** Whether credit-service holds credits for this job (a free re-voice holds none). */
    boolean holdsCredits() {
        return cost > 0;
    }

    String audio() {
        return audio;
    }

    int estimatedSeconds() {
        return estimatedSeconds;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
