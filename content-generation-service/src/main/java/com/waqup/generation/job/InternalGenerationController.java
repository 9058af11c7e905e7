package com.waqup.generation.job;

import com.waqup.common.security.InternalScope;
import com.waqup.common.security.ServiceGrants;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * For other services only (service token): conversation-service creates the job of a confirmed session and
 * follows its progress. See docs/generation.md.
 */
@RestController
@RequestMapping("/internal/generations")
class InternalGenerationController {

    private final GenerationJobService service;

    InternalGenerationController(GenerationJobService service) {
        this.service = service;
    }

    /** {@code request}: the confirmed slots (intent, context, duration_seconds, voice_id, pace, tone, …), stored as given. */
    record CreateRequest(
            @NotBlank @Size(max = 100) String sessionId,
            @NotNull UUID userId,
            @NotNull @Pattern(regexp = "affirmation|guided_meditation|ritual",
                    message = "must be one of " + ContentType.CODES) String contentType,
            @NotNull JsonNode request) {
    }

    /** {@code ritual_id} is {@code job_id}: the content item the job produces has the job's id. */
    record CreateResponse(UUID jobId, UUID ritualId, String status, int estimatedTime, int cost) {
    }

    record JobResponse(UUID id, UUID ritualId, UUID userId, String sessionId, String status, int progress,
            String contentType, int cost, int estimatedTime, String failureReason, Instant createdAt,
            Instant updatedAt) {
    }

    /** 201 for a new job; 200 with the same body when the session already has it (no second hold). */
@InternalScope(ServiceGrants.GENERATIONS_CREATE)
    @PostMapping
    ResponseEntity<CreateResponse> create(@Valid @RequestBody CreateRequest body) {
        GenerationJobService.Outcome outcome = service.create(
                new GenerationJobService.NewJob(body.sessionId(), body.userId(), body.contentType(), body.request()));
        GenerationJobService.JobView job = outcome.job();
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new CreateResponse(job.id(), job.contentId(), job.status(), job.estimatedSeconds(), job.cost()));
    }

    @InternalScope(ServiceGrants.GENERATIONS_READ)
    @GetMapping("/{id}")
    JobResponse get(@PathVariable UUID id) {
        GenerationJobService.JobView job = service.find(id);
        return new JobResponse(job.id(), job.contentId(), job.userId(), job.sessionId(), job.status(), job.progress(),
                job.contentType(), job.cost(), job.estimatedSeconds(), job.failureReason(), job.createdAt(), job.updatedAt());
    }
}
