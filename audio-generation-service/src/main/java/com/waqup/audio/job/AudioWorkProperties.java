package com.waqup.audio.job;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audio work queue ({@code waqup.audio.work.*}).
 *
 * @param concurrency      jobs rendered at once per instance (one ffmpeg each; the machine's cores)
 * @param maxAttempts      attempts of a job whose failure may pass (vendor 429/5xx, object store down)
 * @param retryDelay       backoff before the second attempt, tripled each time
 * @param lease            how long a worker's claim on a job lasts without renewal (renewed every third of it while the
 *                         worker lives, {@link LeaseKeeper}): how soon a killed worker's job is taken over
 * @param busyWait         how long a redelivered request waits for another live worker before it is requeued
 * @param shutdownTimeout  how long stopping the listener waits for running jobs before their messages go back
 * @param workDir          where per-job temporary directories are made (deleted after every job)
 */
@ConfigurationProperties("waqup.audio.work")
public record AudioWorkProperties(Integer concurrency, Integer maxAttempts, Duration retryDelay, Duration lease,
        Duration busyWait, Duration shutdownTimeout, String workDir) {

    public AudioWorkProperties {
        concurrency = concurrency == null || concurrency < 1 ? 2 : concurrency;
        maxAttempts = maxAttempts == null || maxAttempts < 1 ? 3 : maxAttempts;
        retryDelay = retryDelay == null ? Duration.ofSeconds(2) : retryDelay;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        busyWait = busyWait == null ? Duration.ofMinutes(3) : busyWait;
        shutdownTimeout = shutdownTimeout == null ? Duration.ofSeconds(5) : shutdownTimeout;
        workDir = workDir == null || workDir.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "waqup-audio").toString() : workDir;
    }

    public Path workPath() {
        return Path.of(workDir).toAbsolutePath();
    }
}
