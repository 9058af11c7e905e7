package com.waqup.generation.job;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.UUID;
import java.util.function.Function;

import com.waqup.generation.config.GenerationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Crash safety and the deadline, every {@code sweep-interval}:
 * <ul>
 * <li>a job in {@code writing} unchanged for {@code writing-timeout} lost its writer (the process died during the
 * LLM call): it is queued again, up to {@code max-writing-attempts} writers; then it fails with
 * {@code WRITER_TIMEOUT};</li>
 * <li>a job not ready {@code deadline} after its creation (default 10 min, below credit-service's 15-minute hold
 * TTL so the capture of a late success still finds its hold) fails with {@code TIMEOUT}.</li>
 * </ul>
 * Both only mark the job to be released; {@link Settlements} releases the credits and fails it.
 */
@Component
class JobSweeper {

    private static final Logger log = LoggerFactory.getLogger(JobSweeper.class);
    private static final int BATCH = 100;

    private final GenerationJobRepository jobs;
    private final Settlements settlements;
    private final JobPipeline pipeline;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final GenerationProperties.Pipeline settings;

    JobSweeper(GenerationJobRepository jobs, Settlements settlements, JobPipeline pipeline,
            PlatformTransactionManager transactions, Clock clock, GenerationProperties properties) {
        this.jobs = jobs;
        this.settlements = settlements;
        this.pipeline = pipeline;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.settings = properties.pipeline();
    }

    @Scheduled(fixedDelayString = "${waqup.generation.pipeline.sweep-interval:5s}", initialDelay = 2000)
    void sweep() {
        try {
            int requeued = 0;
            int failed = 0;
            Instant now = now();
            for (UUID id : jobs.findUnchangedSince(JobStatus.WRITING, now.minus(settings.writingTimeout()), PageRequest.of(0, BATCH))) {
                Boolean again = apply(id, job -> {
                    if (job.writingAttempts() < settings.maxWritingAttempts()) {
                        job.restartWriting(now());
                        return true;
                    }
                    job.awaitRelease("WRITER_TIMEOUT", "The script writer did not finish", now());
                    return false;
                });
                if (Boolean.TRUE.equals(again)) {
                    requeued++;
                } else if (Boolean.FALSE.equals(again)) {
                    failed++;
                }
            }
            long minutes = settings.deadline().toMinutes();
            String reason = "The practice was not ready within " + (minutes > 0 ? minutes + " minutes" : settings.deadline().toSeconds() + " seconds");
            for (UUID id : jobs.findCreatedBefore(EnumSet.of(JobStatus.QUEUED, JobStatus.WRITING, JobStatus.VOICING),
                    now.minus(settings.deadline()), PageRequest.of(0, BATCH))) {
                if (apply(id, job -> job.awaitRelease("TIMEOUT", reason, now()) ? Boolean.FALSE : null) != null) {
                    failed++;
                }
            }
            if (requeued > 0) {
                log.warn("{} generation job(s) lost their writer and are written again", requeued);
                pipeline.kick();
            }
            if (failed > 0) {
                log.warn("{} generation job(s) timed out; their credits are released", failed);
                settlements.kick();
            }
        } catch (RuntimeException e) {
            log.error("generation sweep failed; the next one tries again", e);
        }
    }

    private Boolean apply(UUID id, Function<GenerationJob, Boolean> change) {
        try {
            return tx.execute(status -> jobs.findById(id).filter(j -> !j.status().terminal() && j.settlement() == null)
                    .map(change).orElse(null));
        } catch (ObjectOptimisticLockingFailureException e) {
            return null; // changed meanwhile: the next sweep looks again
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
