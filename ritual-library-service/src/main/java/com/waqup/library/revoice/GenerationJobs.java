package com.waqup.library.revoice;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.waqup.common.client.InternalCallException;
import com.waqup.common.client.InternalClient;
import com.waqup.common.client.InternalClients;
import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * content-generation-service's jobs for the library (service token): the re-voice ({@code POST /internal/revoices}, a
 * job that voices the script we send as the item's next version) and the personalization of a pack item
 * ({@code POST /internal/personalizations}, a new item written from the creator's script for the buyer). Their
 * refusals become this service's errors: 402 {@code INSUFFICIENT_CREDITS} as it came, anything else a 503 or 502.
 */
@Component
public class GenerationJobs {

    private static final Logger log = LoggerFactory.getLogger(GenerationJobs.class);

    private final InternalClient generation;

    GenerationJobs(InternalClients clients) {
        this.generation = clients.client("content-generation");
    }

    record Segment(String text, double pauseAfter) {
    }

    record Section(String kind, List<Segment> segments) {
    }

    record RevoiceRequest(UUID contentId, UUID userId, String contentType, int version, String voiceId, String pace,
            String title, List<String> tags, String depth, String language, List<Section> sections, JsonNode context) {
    }

    public record Job(UUID jobId, UUID ritualId, int version, String status, int estimatedTime, int cost) {
    }

    /** What content-generation needs to personalize a pack item (docs/generation.md, "Personalization"). */
    public record PersonalizeRequest(UUID personalizationId, UUID userId, String contentType, String title,
            String templateText, String name, String voiceId, String pace, String intent, Integer durationSeconds,
            UUID packId, UUID packItemId, UUID personalizedFrom) {
    }

    /** content-generation's answer to a personalization: the job, whose id is the new item's. */
    public record NewItemJob(UUID jobId, UUID ritualId, String status, int estimatedTime, int cost) {
    }

    /** A new item for the buyer, from the creator's script; the same personalization id is the same job (one hold). */
    public NewItemJob personalize(PersonalizeRequest request) {
        try {
            NewItemJob job = generation.post(NewItemJob.class, "/internal/personalizations", request);
            if (job == null || job.jobId() == null) {
                throw new DomainException(ErrorKind.UPSTREAM_FAILED, "GENERATION_SERVICE_ERROR",
                        "The personalization could not be started");
            }
            return job;
        } catch (InternalCallException e) {
            throw refused(e, "personalization");
        }
    }

    Job revoice(RevoiceRequest request) {
        try {
            Job job = generation.post(Job.class, "/internal/revoices", request);
            if (job == null || job.jobId() == null) {
                throw new DomainException(ErrorKind.UPSTREAM_FAILED, "GENERATION_SERVICE_ERROR",
                        "The re-voice could not be started");
            }
            return job;
        } catch (InternalCallException e) {
            throw refused(e, "re-voice");
        }
    }

    private static DomainException refused(InternalCallException e, String what) {
        if (e.status() == HttpStatus.PAYMENT_REQUIRED.value()) {
            return DomainException.insufficientFunds("INSUFFICIENT_CREDITS",
                    e.errorMessage() == null ? "Not enough credits" : e.errorMessage(), e.details());
        }
        if (e.status() == 0 || e.unavailable()) {
            log.warn("content-generation unavailable for a {}: {}", what, e.getMessage());
            return new DomainException(ErrorKind.UNAVAILABLE, "GENERATION_SERVICE_UNAVAILABLE",
                    "The " + what + " cannot be started right now; try again shortly").retryAfter(Duration.ofSeconds(5));
        }
        log.error("content-generation answered {} ({}) to a {}", e.status(), e.code(), what);
        return new DomainException(ErrorKind.UPSTREAM_FAILED, "GENERATION_SERVICE_ERROR",
                "The " + what + " could not be started");
    }
}
