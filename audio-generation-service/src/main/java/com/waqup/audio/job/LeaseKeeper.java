package com.waqup.audio.job;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a worker's lease on a job alive while the worker lives: from the claim until the job ends, the lease is renewed
 * every {@code every} (a third of the lease) on a thread of its own, whatever the worker is doing (a long synthesis, an
 * ffmpeg pass, a backoff). So leases can be short: a worker that is killed stops renewing, and its job is taken over
 * within one lease (30 s by default) of the kill, not minutes later. A renewal that finds the lease gone (another worker
 * took the job over, or its owner was erased) stops; the worker finds out at its next step, as before.
 */
class LeaseKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final AudioJobs jobs;
    private final Duration every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audio-lease-keeper");
        thread.setDaemon(true);
        return thread;
    });

    /** Renews every {@code every}: a third of the lease, so two renewals may fail before it runs out. */
    LeaseKeeper(AudioJobs jobs, Duration every) {
        this.jobs = jobs;
        this.every = every.isZero() || every.isNegative() ? Duration.ofMillis(100) : every;
    }

    /** Renews {@code owner}'s lease on the job until the returned handle is closed. */
    Kept keep(AudioRequested r, UUID owner) {
        Kept kept = new Kept();
        kept.future = timer.scheduleWithFixedDelay(() -> {
            try {
                if (!jobs.renew(r, owner)) {
                    kept.lost = true;
                    kept.close();
                }
            } catch (RuntimeException e) { // the database is away: the next tick tries again, the lease covers the gap
                log.warn("job {}: lease not renewed ({}); trying again in {} ms", r.jobId(), e.toString(), every.toMillis());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return kept;
    }

    /** A lease being kept alive. */
    static final class Kept implements AutoCloseable {

        private volatile ScheduledFuture<?> future;
        private volatile boolean lost;

        /** True once a renewal found the lease held by someone else. */
        boolean lost() {
            return lost;
        }

        @Override
        public void close() {
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
