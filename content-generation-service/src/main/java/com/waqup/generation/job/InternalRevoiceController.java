package com.waqup.generation.job;

import com.waqup.common.security.InternalScope;
import com.waqup.common.security.ServiceGrants;
import java.util.List;
import java.util.UUID;

import com.waqup.generation.script.Section;
import com.waqup.generation.script.SectionKind;
import com.waqup.generation.script.Segment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * For ritual-library-service only (service token): re-voice an item of the library as its next version, from the
 * script it sends (docs/generation.md, "Re-voice"). Progress is the job's, as for a creation.
 */
@RestController
class InternalRevoiceController {

    private final RevoiceService service;

    InternalRevoiceController(RevoiceService service) {
        this.service = service;
    }

    record SegmentBody(@NotBlank @Size(max = 5000) String text,
            @NotNull @DecimalMin("0.0") @DecimalMax("60.0") Double pauseAfter) {
    }

    record SectionBody(@Pattern(regexp = "[a-z_]{1,30}") String kind,
            @NotEmpty @Size(max = 2000) List<@Valid @NotNull SegmentBody> segments) {
    }

    /** {@code context}: the item's confirmed slots as the library keeps them (background, intent, …). */
    record RevoiceRequest(
            @NotNull UUID contentId,
            @NotNull UUID userId,
            @NotNull @Pattern(regexp = "affirmation|guided_meditation|ritual",
                    message = "must be one of " + ContentType.CODES) String contentType,
            @NotNull @Min(2) Integer version,
            @Size(max = 100) String voiceId,
            @Pattern(regexp = "slower|slow|moderate|fast|faster",
                    message = "must be one of slower, slow, moderate, fast, faster") String pace,
            @NotBlank @Size(max = 200) String title,
            @Size(max = 50) List<@NotBlank @Size(max = 60) String> tags,
            @Size(max = 20) String depth,
            @Size(max = 20) String language,
            @NotEmpty @Size(max = 200) List<@Valid @NotNull SectionBody> sections,
            JsonNode context) {
    }

    record RevoiceResponse(UUID jobId, UUID ritualId, int version, String status, int estimatedTime, int cost) {
    }

    /** 201 for a new job; 200 with the same body when that version already has its job (nothing held again). */
    @InternalScope(ServiceGrants.REVOICES_CREATE)
    @PostMapping("/internal/revoices")
    ResponseEntity<RevoiceResponse> revoice(@Valid @RequestBody RevoiceRequest body) {
        List<Section> sections = body.sections().stream()
                .map(s -> new Section(kind(s.kind()), s.segments().stream()
                        .map(g -> new Segment(g.text().strip(), g.pauseAfter())).toList()))
                .toList();
        GenerationJobService.Outcome outcome = service.revoice(new RevoiceService.Revoice(body.contentId(), body.userId(),
                body.contentType(), body.version(), body.voiceId() == null || body.voiceId().isBlank() ? null
                        : body.voiceId().strip(), body.pace(), body.title().strip(), body.tags(), body.depth(),
                body.language(), sections, body.context()));
        GenerationJobService.JobView job = outcome.job();
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new RevoiceResponse(job.id(), job.contentId(), body.version(), job.status(), job.estimatedSeconds(),
                        job.cost()));
    }

    private static SectionKind kind(String code) {
        for (SectionKind kind : SectionKind.values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        return SectionKind.BODY;
    }
}
