package com.waqup.audio.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.InvalidEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The {@code audio.requested} work queue consumer ({@value AudioWorkConfiguration#QUEUE}, prefetch 1, bounded
 * concurrency). Per message:
 * <ul>
 * <li>not an event with job, content, user and version (unreadable, or {@link InvalidEventException}) → the
 * dead-letter queue at once (nothing can be answered);</li>
 * <li>outside the limits → audio.failed INVALID_REQUEST at once;</li>
 * <li>the job finished already → acknowledged, nothing rendered or published again;</li>
 * <li>another live worker holds it → wait for it (bounded), then acknowledge or requeue;</li>
 * <li>otherwise claim it and render; a failure that may pass is retried with exponential backoff, and the job is
 * given up (audio.failed) after the last attempt or at once for a failure that cannot pass.</li>
 * </ul>
 * The message is acknowledged only after the outcome is committed; a worker stopped mid-job gives its lease back
 * and its message returns to the queue. While a worker renders, its (short) lease is renewed in the background
 * ({@link LeaseKeeper}), so a worker that is killed loses its job to the next one within a lease's time.
 */
class AudioWorker {

    private static final Logger log = LoggerFactory.getLogger(AudioWorker.class);

    private final AudioJobs jobs;
    private final AudioPipeline pipeline;
    private final AudioWorkProperties props;
    private final LeaseKeeper leases;

    AudioWorker(AudioJobs jobs, AudioPipeline pipeline, AudioWorkProperties props, LeaseKeeper leases) {
        this.jobs = jobs;
        this.pipeline = pipeline;
        this.props = props;
        this.leases = leases;
    }

    @RabbitListener(id = AudioWorkConfiguration.LISTENER_ID, queues = AudioWorkConfiguration.QUEUE,
            containerFactory = AudioWorkConfiguration.CONTAINER_FACTORY)
    public void on(EventEnvelope<AudioRequested> event) {
        AudioRequested request = event.data();
        if (request == null || !request.identified()) {
            throw new InvalidEventException("audio.requested " + event.eventId() + " without job, content, user or version");
        }
        try {
            handle(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImmediateRequeueAmqpException("stopped while rendering job " + request.jobId());
        }
    }

    void handle(AudioRequested r) throws InterruptedException {
        Optional<String> problem = RequestValidator.problem(r);
        if (problem.isPresent()) {
            boolean failed = jobs.fail(r, null, JobFailure.INVALID_REQUEST, problem.get());
            log.info("job {} v{} refused: {}{}", r.jobId(), r.version(), problem.get(), failed ? "" : " (already finished)");
            return;
        }
        AudioJobs.Claimed claimed = claimOrWait(r);
        if (claimed == null) {
            return;
        }
        try (LeaseKeeper.Kept kept = leases.keep(r, claimed.owner())) {
            render(r, claimed);
        }
    }

    /** Renders a claimed job, retrying what may pass, until it is completed, failed, or taken from this worker. */
    private void render(AudioRequested r, AudioJobs.Claimed claimed) throws InterruptedException {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                AudioEvents.AudioCompleted done = pipeline.run(r, claimed.owner());
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (jobs.complete(r, claimed.owner(), done, done.voice().provider(), millis)) {
                    log.info("job {} v{} completed in {} ms: {} s of audio at {} ({} LUFS, {} dBTP)", r.jobId(), r.version(), millis,
                            done.durationSeconds(), done.audioKey(), done.loudnessLufs(), done.truePeakDbtp());
                } else if (!jobs.exists(r)) {
                    // the person was erased while this job rendered: the upload raced the erasure and must not survive
                    pipeline.discard(done);
                    log.info("job {} v{}: its owner was erased while it rendered; the audio is deleted", r.jobId(), r.version());
                } else {
                    log.info("job {} v{} was taken over by another worker; its result stands", r.jobId(), r.version());
                }
                return;
            } catch (AudioPipeline.LeaseLost lost) {
                log.info("job {} v{}: lease lost (another worker took it over, or its owner was erased)", r.jobId(), r.version());
                return;
            } catch (InterruptedException e) {
                releaseQuietly(r, claimed);
                throw e;
            } catch (JobFailure f) {
                if (!f.retryable() || attempt >= props.maxAttempts()) {
                    jobs.fail(r, claimed.owner(), f.code(), f.getMessage());
                    log.warn("job {} v{} failed after {} attempt(s): {} {}", r.jobId(), r.version(), attempt, f.code(), f.getMessage());
                    return;
                }
                backoff(r, claimed, attempt, f.getMessage());
            } catch (DataAccessException | TransactionException e) {
                // a query or a commit the database could not serve (a Postgres restart fails the commit itself, as a
                // TransactionSystemException): the database is out of reach, never the job's own failure
                if (attempt >= props.maxAttempts()) {
                    releaseQuietly(r, claimed);
                    throw e; // the database is out of reach: the message goes to the dead-letter queue, nothing is lost
                }
                backoff(r, claimed, attempt, "database: " + e.getClass().getSimpleName());
            } catch (RuntimeException e) {
                log.error("job {} v{}: unexpected failure", r.jobId(), r.version(), e);
                jobs.fail(r, claimed.owner(), JobFailure.MIX_FAILED, "the audio could not be produced");
                return;
            }
        }
    }

    private void backoff(AudioRequested r, AudioJobs.Claimed claimed, int attempt, String why) throws InterruptedException {
        Duration delay = props.retryDelay().multipliedBy((long) Math.pow(3, attempt - 1));
        log.info("job {} v{}: attempt {} failed ({}), retrying in {} ms", r.jobId(), r.version(), attempt, why, delay.toMillis());
        Thread.sleep(delay.toMillis());
        if (!jobs.renew(r, claimed.owner())) {
            throw new AudioPipeline.LeaseLost();
        }
    }

    /** Claims the job; waits (bounded) while another live worker holds it; {@code null} when there is nothing to do. */
    private AudioJobs.Claimed claimOrWait(AudioRequested r) throws InterruptedException {
        Instant giveUp = Instant.now().plus(props.busyWait());
        long pause = 250;
        while (true) {
            AudioJobs.Claim claim = jobs.claim(r);
            switch (claim) {
                case AudioJobs.Claimed c -> {
                    if (c.attempt() > 1) {
                        log.info("job {} v{}: taking over (claim {})", r.jobId(), r.version(), c.attempt());
                    }
                    return c;
                }
                case AudioJobs.Finished f -> {
                    log.info("job {} v{} is {} already: duplicate request acknowledged, nothing re-rendered", r.jobId(), r.version(),
                            f.status());
                    return null;
                }
                case AudioJobs.Erased e -> {
                    log.info("job {} v{}: its owner was erased; nothing rendered", r.jobId(), r.version());
                    return null;
                }
                case AudioJobs.Busy b -> {
                    if (Instant.now().isAfter(giveUp)) {
                        throw new ImmediateRequeueAmqpException("job " + r.jobId() + " is still held by another worker");
                    }
                    Thread.sleep(pause);
                    pause = Math.min(pause * 2, 2000);
                }
            }
        }
    }

    private void releaseQuietly(AudioRequested r, AudioJobs.Claimed claimed) {
        try {
            jobs.release(r, claimed.owner());
        } catch (RuntimeException e) {
            log.warn("job {}: lease not released ({}); it expires by itself", r.jobId(), e.toString());
        }
    }
}
