package com.waqup.generation.job;

import java.time.Instant;
import java.util.UUID;

import com.waqup.common.security.AuthenticatedUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A person follows their own generation ({@code ritual_id} from {@code POST /api/v1/conversation/complete}). */
@RestController
@RequestMapping("/api/v1/generations")
class GenerationController {

    private final GenerationJobService service;

    GenerationController(GenerationJobService service) {
        this.service = service;
    }

    /** {@code estimated_time}: the seconds the whole job is expected to take, counted from {@code created_at}. */
    record GenerationResponse(UUID id, UUID ritualId, String status, int progress, String contentType, int estimatedTime,
            String failureReason, Instant createdAt, Instant updatedAt) {
    }

    /** Someone else's job is 404 {@code GENERATION_NOT_FOUND}, exactly like an unknown one. */
    @GetMapping("/{id}")
    GenerationResponse get(AuthenticatedUser user, @PathVariable UUID id) {
        GenerationJobService.JobView job = service.findOwn(id, user.id());
        return new GenerationResponse(job.id(), job.contentId(), job.status(), job.progress(), job.contentType(),
                job.estimatedSeconds(), job.failureReason(), job.createdAt(), job.updatedAt());
    }
}
