package com.waqup.library.revoice;

import java.util.List;
import java.util.UUID;

import com.waqup.common.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Editing a practice's script ({@code PUT /api/v1/content/{id}/script}) and re-voicing it with another voice or pace
 * ({@code POST /api/v1/content/{id}/revoice}); progress of the re-voice is at {@code GET /api/v1/generations/{job_id}}.
 */
@RestController
@RequestMapping("/api/v1/content/{id}")
class RevoiceController {

    private final RevoiceService service;

    RevoiceController(RevoiceService service) {
        this.service = service;
    }

    /** One segment of an edited script; its rules (not empty, pause bounds) are checked by {@link ScriptRules}. */
    record SegmentBody(String text, Double pauseAfter) {
    }

    record ScriptRequest(@NotNull List<SegmentBody> segments) {
    }

    record RevoiceRequest(
            @Size(min = 1, max = 100) @Pattern(regexp = "\\S.*", message = "must not be blank") String voiceId,
            @Pattern(regexp = "slower|slow|moderate|fast|faster",
                    message = "must be one of slower, slow, moderate, fast, faster") String pace) {
    }

    @PutMapping("/script")
    RevoiceService.PendingScript editScript(AuthenticatedUser user, @PathVariable UUID id,
            @Valid @RequestBody ScriptRequest body) {
        return service.editScript(user.id(), id, body.segments());
    }

    /** 202: the re-voice runs; the current version stays playable until the new one is ready. */
    @PostMapping("/revoice")
    ResponseEntity<RevoiceService.Started> revoice(AuthenticatedUser user, @PathVariable UUID id,
            @Valid @RequestBody(required = false) RevoiceRequest body) {
        RevoiceRequest request = body == null ? new RevoiceRequest(null, null) : body;
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(service.revoice(user.id(), id, request.voiceId() == null ? null : request.voiceId().strip(),
                        request.pace()));
    }
}
