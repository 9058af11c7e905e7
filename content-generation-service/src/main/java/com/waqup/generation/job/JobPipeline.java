package com.waqup.generation.job;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.waqup.generation.config.GenerationProperties;
import com.waqup.generation.script.InvalidScriptException;
import com.waqup.generation.script.Personalization;
import com.waqup.generation.script.Script;
import com.waqup.generation.script.ScriptCheck;
import com.waqup.generation.script.ScriptRequest;
import com.waqup.generation.script.ScriptType;
import com.waqup.generation.script.ScriptWriter;
import com.waqup.generation.script.ScriptWriterException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker: takes queued jobs and writes their scripts.
 * <ol>
 * <li><b>Claim</b> (one short transaction): the oldest queued job, locked with {@code FOR UPDATE SKIP LOCKED} so
 * two workers never take the same one; {@code queued → writing}, progress 10, {@code generation.progress}.</li>
 * <li><b>Write</b> (no transaction open): the {@link ScriptWriter} (composer or an LLM), then
 * {@link ScriptCheck#validate}.</li>
 * <li><b>Hand off</b> (one transaction): the script is stored, {@code writing → voicing}, progress 30,
 * {@code audio.requested} and {@code generation.progress} through the outbox. If the job changed meanwhile (its
 * deadline passed, a sweeper gave it to another writer) the script is dropped.</li>
 * </ol>
 * A writer failure marks the job to be released ({@link Settlements}). New jobs do not wait for the poll: creation
 * calls {@link #kick()} after its commit; the poll ({@code waqup.generation.pipeline.sweep-interval}) only picks up
 * what a kick could not (a restart, a full worker).
 */
@Component
class JobPipeline implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobPipeline.class);

    private final GenerationJobRepository jobs;
    private final GenerationScriptRepository scripts;
    private final ScriptWriter writer;
    private final JobEvents events;
    private final Settlements settlements;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final GenerationProperties.Pipeline settings;
    private final ThreadPoolExecutor workers;
    private final MeterRegistry meters;

    JobPipeline(GenerationJobRepository jobs, GenerationScriptRepository scripts, ScriptWriter writer, JobEvents events,
            Settlements settlements, PlatformTransactionManager transactions, JsonMapper json, Clock clock,
            GenerationProperties properties, MeterRegistry meters) {
        this.meters = meters;
        llm(meters, writer.name(), "success"); // present from the start, so dashboards and alerts see zeros
        llm(meters, writer.name(), "failure");
        for (ContentType type : ContentType.values()) {
            stage(meters, "script", type);
            stage(meters, "total", type);
        }
        this.jobs = jobs;
        this.scripts = scripts;
        this.writer = writer;
        this.events = events;
        this.settlements = settlements;
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = clock;
        this.settings = properties.pipeline();
        AtomicInteger n = new AtomicInteger();
        // at most `workers` drains at once plus one waiting: a kick while all are busy is dropped, because a
        // busy drain takes every queued job before it stops
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1), r -> {
                    Thread t = new Thread(r, "generation-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /**
     * {@code waqup_generation_stage_seconds{stage, content_type}}: {@code script} (the writer), {@code total} (from
     * the request to ready); audio-generation-service adds its own stages ({@code synthesis}, {@code render},
     * {@code upload}, {@code audio}).
     */
    static Timer stage(MeterRegistry meters, String stage, ContentType type) {
        return Timer.builder("waqup.generation.stage").tag("stage", stage).tag("content_type", type.code())
                .description("Time a generation spends in each stage").register(meters);
    }

    /** {@code waqup_llm_requests_seconds{provider, operation="script", outcome}}: the script writer's latency. */
    static Timer llm(MeterRegistry meters, String provider, String outcome) {
        return Timer.builder("waqup.llm.requests").tag("provider", provider).tag("operation", "script")
                .tag("outcome", outcome).description("Latency of the script writer (the LLM or the built-in composer)")
                .register(meters);
    }

    /** Something may be queued: start writing now (returns at once). */
    void kick() {
        workers.execute(this::drain);
    }

    @Scheduled(fixedDelayString = "${waqup.generation.pipeline.sweep-interval:5s}", initialDelay = 1000)
    void poll() {
        kick();
    }

    private void drain() {
        try {
            Optional<Claim> claim;
            while (!workers.isShutdown() && (claim = claim()).isPresent()) {
                process(claim.get());
            }
        } catch (RuntimeException e) {
            log.error("generation worker stopped on an unexpected error; the next poll resumes", e);
        }
    }

    /** What the writer needs of a claimed job, read inside the claim's transaction. */
    record Claim(UUID jobId, UUID userId, ContentType type, String request, int attempt) {
    }

    Optional<Claim> claim() {
        return tx.execute(status -> {
            Instant now = now();
            List<GenerationJob> next = jobs.lockOldestQueued(now.minus(settings.deadline()));
            if (next.isEmpty()) {
                return Optional.empty();
            }
            GenerationJob job = next.getFirst();
            job.startWriting(now);
            job.reportProgress(10, now);
            events.progress(job);
            log.info("generation job {} writing (attempt {}) with the {} writer", job.id(), job.writingAttempts(), writer.name());
            return Optional.of(new Claim(job.id(), job.userId(), job.contentType(), job.request(), job.writingAttempts()));
        });
    }

    void process(Claim claim) {
        Script script;
        String writtenBy = writer.name();
        try {
            Map<String, ?> stored = json.readValue(claim.request(), Map.class);
            ScriptRequest request = ScriptRequest.fromJob(claim.jobId(), claim.userId(),
                    ScriptType.of(claim.type().code()).orElseThrow(), stored);
            long started = System.nanoTime();
            Optional<Personalization> personalization = Personalization.fromJob(stored);
            try {
                // a bought pack item re-made for its buyer: the creator's script is the template
                script = personalization.isPresent() ? writer.personalize(request, personalization.get()) : writer.write(request);
            } catch (RuntimeException e) {
                llm(meters, writer.name(), "failure").record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                throw e;
            }
            long took = System.nanoTime() - started;
            llm(meters, writer.name(), "success").record(took, TimeUnit.NANOSECONDS);
            stage(meters, "script", claim.type()).record(took, TimeUnit.NANOSECONDS);
            if (personalization.isPresent()) {
                ScriptCheck.validateTemplate(script, request.wordsPerMinute());
                writtenBy = "personalized";
            } else {
                ScriptCheck.validate(script, request.wordsPerMinute());
            }
            log.info("generation job {}: {} script written in {} ms ({} words, {} s at {} wpm)", claim.jobId(), writer.name(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), script.wordCount(),
                    Math.round(script.estimatedSeconds(request.wordsPerMinute())), request.wordsPerMinute());
        } catch (ScriptWriterException | InvalidScriptException e) {
            log.warn("generation job {}: the {} writer failed: {}", claim.jobId(), writer.name(), e.getMessage());
            writerFailed(claim, "The script could not be written: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.error("generation job {}: the {} writer failed unexpectedly", claim.jobId(), writer.name(), e);
            writerFailed(claim, "The script could not be written");
            return;
        }
        try {
            handOff(claim, script, writtenBy);
        } catch (ObjectOptimisticLockingFailureException e) {
            log.info("generation job {} changed while its script was written; the script is dropped", claim.jobId());
        }
    }

    private void handOff(Claim claim, Script script, String writtenBy) {
        tx.executeWithoutResult(status -> {
            GenerationJob job = jobs.findById(claim.jobId()).orElse(null);
            if (job == null || job.status() != JobStatus.WRITING || job.writingAttempts() != claim.attempt()
                    || job.settlement() != null) {
                log.info("generation job {} is no longer this writer's; the script is dropped", claim.jobId());
                return;
            }
            Instant now = now();
            Map<String, Object> request = events.request(job);
            scripts.save(new GenerationScript(job.id(), script.title(), json.writeValueAsString(script.tags()),
                    script.depth().code(), json.writeValueAsString(script), script.plainText(), JobEvents.voiceId(request),
                    writtenBy, script.wordCount(), script.estimatedSeconds(JobEvents.pace(job, request).wordsPerMinute()), now));
            job.startVoicing(now);
            job.reportProgress(30, now);
            events.audioRequested(job, script);
            events.progress(job);
        });
    }

    private void writerFailed(Claim claim, String reason) {
        try {
            Boolean marked = tx.execute(status -> {
                GenerationJob job = jobs.findById(claim.jobId()).orElse(null);
                if (job == null || job.status() != JobStatus.WRITING || job.writingAttempts() != claim.attempt()) {
                    return false;
                }
                return job.awaitRelease("WRITER_FAILED", reason, now());
            });
            if (Boolean.TRUE.equals(marked)) {
                settlements.kickAfterCommit();
            }
        } catch (ObjectOptimisticLockingFailureException e) {
            log.info("generation job {} changed while its writer failed", claim.jobId());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
