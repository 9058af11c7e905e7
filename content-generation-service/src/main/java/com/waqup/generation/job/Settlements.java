package com.waqup.generation.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.waqup.generation.credit.CreditHolds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.domain.PageRequest;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends jobs that wait for credit-service ({@code settlement}): the remote call first, then the terminal state and its
 * event in one local transaction.
 * <ul>
 * <li>{@code capture} (the audio is stored): capture the hold, then {@code ready} + {@code content.ready}. A hold
 * that was already released (it expired: credit-service answers 409 {@code HOLD_ALREADY_RELEASED}) is not delivered
 * for free: the job fails with {@code HOLD_EXPIRED} + {@code generation.failed} (credits released).</li>
 * <li>{@code release} (audio failed, writer failed, deadline): release the hold, then {@code failed} with the
 * pending reason + {@code generation.failed}.</li>
 * </ul>
 * Both calls are idempotent in credit-service (by job id), so a crash between the call and the commit only repeats
 * the call. When credit-service cannot be reached, nothing local changes and the job is tried again at the next
 * sweep: the outcome is already stored, so no message has to be kept unacknowledged (and no event goes to a
 * dead-letter queue because credit-service was down for a minute). One thread settles, so one job is never
 * settled twice at once; optimistic locking covers several instances.
 */
@Component
class Settlements implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Settlements.class);
    private static final int BATCH = 50;

    private final GenerationJobRepository jobs;
    private final GenerationScriptRepository scripts;
    private final CreditHolds credits;
    private final JobEvents events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ThreadPoolExecutor settler = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1), r -> {
                Thread t = new Thread(r, "generation-settler");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    Settlements(GenerationJobRepository jobs, GenerationScriptRepository scripts, CreditHolds credits, JobEvents events,
            PlatformTransactionManager transactions, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        for (ContentType type : ContentType.values()) { // present from the start, so dashboards and alerts see zeros
            jobsFinished(type, "ready");
            jobsFinished(type, "failed");
        }
        this.jobs = jobs;
        this.scripts = scripts;
        this.credits = credits;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Settle what is pending now (returns at once). */
    void kick() {
        settler.execute(this::settleAll);
    }

    /** {@link #kick()} once the current transaction commits (at once without one). */
    void kickAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    kick();
                }
            });
        } else {
            kick();
        }
    }

    @Scheduled(fixedDelayString = "${waqup.generation.pipeline.sweep-interval:5s}", initialDelay = 1500)
    void poll() {
        kick();
    }

    private void settleAll() {
        try {
            List<UUID> pending = jobs.findSettling(PageRequest.of(0, BATCH));
            for (UUID id : pending) {
                if (settler.isShutdown() || !settle(id)) {
                    return; // credit-service unreachable: the next sweep tries again
                }
            }
        } catch (RuntimeException e) {
            log.error("settling generation jobs failed; the next sweep tries again", e);
        }
    }

    /** Settles one job; false when credit-service could not be reached. */
    boolean settle(UUID id) {
        GenerationJob job = jobs.findById(id).orElse(null);
        if (job == null || job.settlement() == null) {
            return true;
        }
        Settlement settlement = job.settlement();
        CreditHolds.Outcome outcome;
        try {
            outcome = !job.holdsCredits() ? CreditHolds.Outcome.DONE // a free re-voice: nothing held
                    : settlement == Settlement.CAPTURE ? credits.capture(id)
                    : credits.release(id, "generation failed: " + job.failureCode());
        } catch (CreditHolds.UnavailableException e) {
            log.warn("generation job {}: {} not possible now, retried at the next sweep: {}", id,
                    settlement.name().toLowerCase(Locale.ROOT), e.getMessage());
            return false;
        }
        try {
            Finished finished = tx.execute(status -> finish(id, settlement, outcome));
            if (finished != null) { // committed: counted once
                jobsFinished(finished.type(), finished.outcome()).increment();
                if (finished.took() != null) {
                    JobPipeline.stage(meters, "total", finished.type()).record(finished.took());
                }
            }
        } catch (ObjectOptimisticLockingFailureException e) {
            log.info("generation job {} changed while it was settled; the next sweep looks again", id);
        }
        return true;
    }

    /** A job that reached its end: {@code ready} (with the time from request to ready) or {@code failed}. */
    private record Finished(ContentType type, String outcome, Duration took) {
    }

    private Counter jobsFinished(ContentType type, String outcome) {
        return Counter.builder("waqup.generation.jobs").tag("content_type", type.code()).tag("outcome", outcome)
                .description("Generation jobs that finished, ready or failed (credits released)").register(meters);
    }

    private Finished finish(UUID id, Settlement settlement, CreditHolds.Outcome outcome) {
        GenerationJob job = jobs.findById(id).orElse(null);
        if (job == null || job.settlement() != settlement) {
            return null;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (settlement == Settlement.CAPTURE) {
            if (outcome == CreditHolds.Outcome.DONE) {
                job.markReady(now);
                events.contentReady(job, scripts.findById(id).orElseThrow(
                        () -> new IllegalStateException("generation job " + id + " is voiced but has no script")));
                log.info("generation job {} ready: {} credit(s) captured", id, job.cost());
                return new Finished(job.contentType(), "ready", Duration.between(job.createdAt(), now));
            } else {
                String reason = "The reserved credits expired before the practice was ready; nothing was charged";
                job.failInsteadOfCapture("HOLD_EXPIRED", reason, now);
                events.failed(job, "HOLD_EXPIRED", reason, true);
                log.warn("generation job {} failed: its hold was {} before the capture", id, outcome);
            }
            return new Finished(job.contentType(), "failed", null);
        }
        boolean released = outcome != CreditHolds.Outcome.ALREADY_CAPTURED;
        if (!released) {
            log.error("generation job {} fails but credit-service says its hold was captured: refund it by hand", id);
        }
        String code = job.failureCode();
        String reason = job.pendingReason();
        job.failAsPending(now);
        events.failed(job, code, reason, released);
        log.info("generation job {} failed ({}), credits {}", id, code, released ? "released" : "NOT released");
        return new Finished(job.contentType(), "failed", null);
    }

    @Override
    public void destroy() {
        settler.shutdownNow();
    }
}
