package com.waqup.generation.job;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.inbox.Inbox;
import com.waqup.generation.job.PipelineEvents.AudioCompleted;
import com.waqup.generation.job.PipelineEvents.AudioFailed;
import com.waqup.generation.job.PipelineEvents.AudioProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * audio-generation's news about a job, each type on its own queue with a dead-letter queue, each event applied once
 * ({@code Inbox.handleOnce}) in one transaction with what it changes; an event without what it must name (its job,
 * the audio's key, format and duration) goes to the dead-letter queue at once. Events of unknown jobs, of another content version or of jobs
 * that are not voicing are ignored (logged): events arrive late, twice and in any order.
 * <ul>
 * <li>{@code audio.progress}: the job's progress, mapped from the audio's 0–100 into 30–95, only growing;
 * {@code generation.progress} when it moved.</li>
 * <li>{@code audio.completed}: the audio's metadata is stored and the job waits for its capture
 * ({@link Settlements}: capture, then ready and {@code content.ready}).</li>
 * <li>{@code audio.failed}: the job waits for its release (then failed and {@code generation.failed}).</li>
 * </ul>
 * credit-service is never called here: a consumer does not depend on it being up (see {@link Settlements}).
 */
@Component
class AudioEventListeners {

    static final String PROGRESS_QUEUE = "generation.audio-progress";
    static final String COMPLETED_QUEUE = "generation.audio-completed";
    static final String FAILED_QUEUE = "generation.audio-failed";
    /** Where the audio's own progress lands in the job's: voicing starts at 30 %, 100 % is reserved for ready. */
    static final int VOICING_FROM = 30;
    static final int VOICING_TO = 95;

    private static final Logger log = LoggerFactory.getLogger(AudioEventListeners.class);

    private final GenerationJobRepository jobs;
    private final Inbox inbox;
    private final JobEvents events;
    private final Settlements settlements;
    private final JsonMapper json;
    private final Clock clock;

    AudioEventListeners(GenerationJobRepository jobs, Inbox inbox, JobEvents events, Settlements settlements,
            JsonMapper json, Clock clock) {
        this.jobs = jobs;
        this.inbox = inbox;
        this.events = events;
        this.settlements = settlements;
        this.json = json;
        this.clock = clock;
    }

    @Configuration(proxyBeanMethods = false)
    static class Queues {

        @Bean
        static Declarables audioProgressQueue() {
            return ConsumerQueue.declare(PROGRESS_QUEUE, AudioProgress.TYPE);
        }

        @Bean
        static Declarables audioCompletedQueue() {
            return ConsumerQueue.declare(COMPLETED_QUEUE, AudioCompleted.TYPE);
        }

        @Bean
        static Declarables audioFailedQueue() {
            return ConsumerQueue.declare(FAILED_QUEUE, AudioFailed.TYPE);
        }
    }

    /** The audio's 0–100 as the job's progress. */
    static int overall(int audioPercent) {
        int clamped = Math.clamp(audioPercent, 0, 100);
        return VOICING_FROM + (int) Math.round(clamped * (VOICING_TO - VOICING_FROM) / 100.0);
    }

    @RabbitListener(queues = PROGRESS_QUEUE)
    @Transactional
    public void onProgress(EventEnvelope<AudioProgress> event) {
        inbox.handleOnce(event, data -> {
            GenerationJob job = voicingJob(data.jobId(), data.version(), event);
            if (job != null && job.settlement() == null
                    && job.reportProgress(overall(data.progress()), clock.instant().truncatedTo(ChronoUnit.MICROS))) {
                events.progress(job);
            }
        });
    }

    @RabbitListener(queues = COMPLETED_QUEUE)
    @Transactional
    public void onCompleted(EventEnvelope<AudioCompleted> event) {
        inbox.handleOnce(event, data -> {
            GenerationJob job = voicingJob(data.jobId(), data.version(), event);
            if (job == null) {
                return;
            }
            if (job.awaitCapture(json.writeValueAsString(data), clock.instant().truncatedTo(ChronoUnit.MICROS))) {
                log.info("generation job {}: audio {} stored ({} s); capturing its credits", job.id(), data.audioKey(),
                        data.durationSeconds());
                settlements.kickAfterCommit();
            } else {
                log.info("generation job {} already settles ({}): audio.completed {} ignored", job.id(), job.settlement(),
                        event.eventId());
            }
        });
    }

    @RabbitListener(queues = FAILED_QUEUE)
    @Transactional
    public void onFailed(EventEnvelope<AudioFailed> event) {
        inbox.handleOnce(event, data -> {
            GenerationJob job = voicingJob(data.jobId(), data.version(), event);
            if (job == null) {
                return;
            }
            String code = data.code() == null || data.code().isBlank() ? "AUDIO_FAILED" : data.code().strip();
            String reason = "The audio could not be produced"
                    + (data.reason() == null || data.reason().isBlank() ? "" : ": " + data.reason().strip());
            if (job.awaitRelease(code.length() > 40 ? code.substring(0, 40) : code, reason,
                    clock.instant().truncatedTo(ChronoUnit.MICROS))) {
                log.info("generation job {}: audio failed ({}); releasing its credits", job.id(), code);
                settlements.kickAfterCommit();
            }
        });
    }

    private GenerationJob voicingJob(UUID jobId, Integer version, EventEnvelope<?> event) {
        GenerationJob job = jobs.findById(jobId).orElse(null);
        if (job == null) {
            log.warn("{} {} for unknown generation job {}: ignored", event.type(), event.eventId(), jobId);
            return null;
        }
        if (version != null && version != job.contentVersion()) {
            log.warn("{} {} for version {} of job {} (which produces version {}): ignored", event.type(), event.eventId(),
                    version, jobId, job.contentVersion());
            return null;
        }
        if (job.status() != JobStatus.VOICING) {
            log.info("{} {}: job {} is {}: ignored", event.type(), event.eventId(), jobId, job.status().code());
            return null;
        }
        return job;
    }
}
