package com.waqup.generation.job;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.generation.credit.CreditHolds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creating and reading generation jobs.
 * <p>
 * Creation runs in this order, with no database transaction open during the remote call: validate; return the
 * session's job if it already exists; decide the job id (derived from the session id); place the credit hold in
 * credit-service (idempotent by job id); insert the job. Nothing is stored when the hold is refused. A crash after
 * the hold and before the insert leaves a hold without a job: the retried request derives the same job id, gets
 * the same hold back and inserts the job, so the person is charged once; without a retry credit-service's sweeper
 * releases the hold after its time to live. See docs/generation.md.
 */
@Service
class GenerationJobService {

    /** The largest confirmed request (its JSON, UTF-8) a job stores. */
    static final int MAX_REQUEST_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(GenerationJobService.class);

    private final GenerationJobRepository jobs;
    private final CreditHolds credits;
    private final EstimatedTime estimate;
    private final JsonMapper json;
    private final Clock clock;
    private final JobPipeline pipeline;

    GenerationJobService(GenerationJobRepository jobs, CreditHolds credits, EstimatedTime estimate, JsonMapper json,
            Clock clock, JobPipeline pipeline) {
        this.jobs = jobs;
        this.pipeline = pipeline;
        this.credits = credits;
        this.estimate = estimate;
        this.json = json;
        this.clock = clock;
    }

    /** What a caller asks for: the conversation session, its person, what to create and the confirmed slots. */
    record NewJob(String sessionId, UUID userId, String contentType, JsonNode request) {
    }

    /** {@code contentId}: the item the job produces a version of (its own id for a creation). */
    record JobView(UUID id, UUID contentId, UUID userId, String sessionId, String contentType, String status, int progress, int cost,
            int estimatedSeconds, String failureReason, Instant createdAt, Instant updatedAt) {
    }

    /** @param created false when the session already had this job (nothing was held again) */
    record Outcome(JobView job, boolean created) {
    }

    /**
     * The session's job: created with its credits held, or the one the session already has. Short of credits:
     * 402 {@code INSUFFICIENT_CREDITS} and nothing stored; credit-service unreachable: 503, nothing stored.
     */
    Outcome create(NewJob command) {
        return create(command, MAX_REQUEST_BYTES);
    }

    /** {@link #create(NewJob)} with a larger stored request allowed (a personalization carries the creator's script). */
    Outcome create(NewJob command, int maxRequestBytes) {
        ContentType type = ContentType.of(command.contentType()).orElseThrow(() -> invalid("content_type",
                "must be one of " + ContentType.CODES));
        String request = storable(command.request(), maxRequestBytes);

        Optional<GenerationJob> existing = jobs.findBySessionId(command.sessionId());
        if (existing.isPresent()) {
            return repeated(existing.get(), command, type);
        }

        UUID jobId = GenerationJob.idFor(command.sessionId());
        CreditHolds.Hold hold = credits.place(jobId, command.userId(), type.code());
        if (!hold.open()) {
            // the hold of an earlier attempt (crashed before the job was stored) expired or was released
            throw DomainException.conflict("CREDIT_HOLD_RELEASED",
                    "The credits reserved for this session were released; start a new conversation");
        }
        GenerationJob job = GenerationJob.queue(command.sessionId(), command.userId(), type, hold.amount(), request,
                estimate.seconds(type, command.request()), clock.instant().truncatedTo(ChronoUnit.MICROS));
        try {
            jobs.saveAndFlush(job);
        } catch (DataIntegrityViolationException raced) {
            // a concurrent request for the same session stored it first; both got the same hold back
            return repeated(jobs.findBySessionId(command.sessionId()).orElseThrow(() -> raced), command, type);
        }
        log.info("generation job {} queued: {} for user {}, {} credit(s) held", job.id(), type.code(), job.userId(),
                job.cost());
        Outcome outcome = new Outcome(view(job), true);
        pipeline.kick(); // committed: the worker starts on it now, not at its next poll
        return outcome;
    }

    /** Any job, for other services. */
    @Transactional(readOnly = true)
    JobView find(UUID id) {
        return jobs.findById(id).map(GenerationJobService::view).orElseThrow(GenerationJobService::notFound);
    }

    /** A person's own job; another person's is not found, exactly like an unknown one. */
    @Transactional(readOnly = true)
    JobView findOwn(UUID id, UUID userId) {
        return jobs.findByIdAndUserId(id, userId).map(GenerationJobService::view).orElseThrow(GenerationJobService::notFound);
    }

    private static Outcome repeated(GenerationJob job, NewJob command, ContentType type) {
        if (!job.userId().equals(command.userId()) || job.contentType() != type) {
            throw DomainException.conflict("IDEMPOTENCY_CONFLICT",
                    "This session already has a generation job with different parameters");
        }
        return new Outcome(view(job), false);
    }

    /** The request as stored: a JSON object of at most {@value #MAX_REQUEST_BYTES} bytes that PostgreSQL can hold. */
    private String storable(JsonNode request, int maxBytes) {
        if (request == null || !request.isObject()) {
            throw invalid("request", "must be a JSON object");
        }
        String text = json.writeValueAsString(request);
        if (text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw invalid("request", "must be at most " + maxBytes + " bytes of JSON");
        }
        if (containsNul(request)) {
            throw invalid("request", "must not contain NUL characters"); // jsonb cannot store U+0000
        }
        return text;
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isString()) {
            return node.asString().indexOf('\0') >= 0;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().indexOf('\0') >= 0 || containsNul(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    static JobView view(GenerationJob job) {
        return new JobView(job.id(), job.contentId(), job.userId(), job.sessionId(), job.contentType().code(), job.status().code(),
                job.progress(), job.cost(), job.estimatedSeconds(), job.failureReason(), job.createdAt(), job.updatedAt());
    }

    private static DomainException invalid(String field, String message) {
        return DomainException.invalidField(field, message);
    }

    private static DomainException notFound() {
        return DomainException.notFound("GENERATION_NOT_FOUND", "No such generation");
    }
}
