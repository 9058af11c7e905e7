package com.waqup.generation.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.security.InternalScope;
import com.waqup.common.security.ServiceGrants;
import com.waqup.generation.script.Personalization;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * For ritual-library-service only (service token): re-make a bought pack item for its buyer (docs/generation.md,
 * "Personalization"). It is a creation: a new job and a new item (the job's id), the credits of its type held, the
 * creator's script as the template of the writer, the buyer's name, intent, voice and pace; then audio,
 * capture and {@code content.ready} as for any creation. {@code personalization_id} (the library's) is the
 * idempotency key: the same id returns the same job and the same hold.
 */
@RestController
class InternalPersonalizationController {

    /** A creator's script can be long (an hour is ~8,000 words): the stored request may be this large. */
    static final int MAX_REQUEST_BYTES = 128 * 1024;

    private final GenerationJobService service;
    private final JsonMapper json;

    InternalPersonalizationController(GenerationJobService service, JsonMapper json) {
        this.service = service;
        this.json = json;
    }

    record PersonalizeRequest(
            @NotNull UUID personalizationId,
            @NotNull UUID userId,
            @NotNull @Pattern(regexp = "affirmation|guided_meditation|ritual",
                    message = "must be one of " + ContentType.CODES) String contentType,
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 100_000) String templateText,
            @Size(max = 60) String name,
            @Size(max = 100) String voiceId,
            @Pattern(regexp = "slower|slow|moderate|fast|faster",
                    message = "must be one of slower, slow, moderate, fast, faster") String pace,
            @Pattern(regexp = "[a-z][a-z0-9_]{0,39}", message = "must be an intent key") String intent,
            @Min(1) @Max(3600) Integer durationSeconds,
            UUID packId,
            UUID packItemId,
            UUID personalizedFrom) {
    }

    /** 201 for a new job; 200 with the same body when this personalization already has it (nothing held again). */
    @InternalScope(ServiceGrants.PERSONALIZATIONS_CREATE)
    @PostMapping("/internal/personalizations")
    ResponseEntity<InternalGenerationController.CreateResponse> personalize(@Valid @RequestBody PersonalizeRequest body) {
        Map<String, Object> request = new LinkedHashMap<>();
        put(request, "intent", body.intent());
        put(request, "pace", body.pace());
        put(request, "voice_id", body.voiceId() == null || body.voiceId().isBlank() ? null : body.voiceId().strip());
        put(request, "duration_seconds", body.durationSeconds());
        Map<String, Object> template = new LinkedHashMap<>();
        put(template, "template_title", body.title().strip());
        put(template, "template_text", body.templateText());
        put(template, "listener_name", body.name() == null || body.name().isBlank() ? null : body.name().strip());
        put(template, "pack_id", body.packId());
        put(template, "pack_item_id", body.packItemId());
        put(template, "personalized_from", body.personalizedFrom());
        request.put(Personalization.KEY, template);
        GenerationJobService.Outcome outcome = service.create(new GenerationJobService.NewJob(
                GenerationJob.personalizationKey(body.personalizationId()), body.userId(), body.contentType(),
                json.valueToTree(request)), MAX_REQUEST_BYTES);
        GenerationJobService.JobView job = outcome.job();
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new InternalGenerationController.CreateResponse(job.id(), job.contentId(), job.status(),
                        job.estimatedSeconds(), job.cost()));
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
