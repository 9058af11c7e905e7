package com.waqup.library.personalize;

import java.util.UUID;

import com.waqup.common.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Personalizing a bought practice ({@code POST /api/v1/content/{id}/personalize}, docs/library.md): a pack item its
 * creator marked {@code personalizable} is re-made as the buyer's own item. 202 with the new item's id and the job's;
 * progress at {@code GET /api/v1/generations/{job_id}}.
 */
@RestController
@Validated
class PersonalizeController {

    private final PersonalizeService service;

    PersonalizeController(PersonalizeService service) {
        this.service = service;
    }

    /** Every field optional: the name to address the buyer by, else none; voice and pace, else their profile's. */
    record PersonalizeRequest(
            @Size(min = 1, max = 40)
            @Pattern(regexp = "\\p{L}[\\p{L}\\p{M} .'’-]*", message = "must be a name (letters, spaces, . ' -)") String name,
            @Size(min = 1, max = 100) @Pattern(regexp = "\\S.*", message = "must not be blank") String voice,
            @Pattern(regexp = "slower|slow|moderate|fast|faster",
                    message = "must be one of slower, slow, moderate, fast, faster") String pace) {
    }

    @PostMapping("/api/v1/content/{id}/personalize")
    ResponseEntity<PersonalizeService.Started> personalize(AuthenticatedUser user, @PathVariable UUID id,
            @RequestHeader(name = "Idempotency-Key", required = false)
            @Size(min = 1, max = 200) @Pattern(regexp = "[\\x21-\\x7e]+", message = "must be printable ASCII without spaces")
            String idempotencyKey,
            @Valid @RequestBody(required = false) PersonalizeRequest body) {
        PersonalizeRequest request = body == null ? new PersonalizeRequest(null, null, null) : body;
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(service.personalize(user.id(), id,
                new PersonalizeService.Asked(request.name() == null ? null : request.name().strip(),
                        request.voice() == null ? null : request.voice().strip(), request.pace()),
                idempotencyKey));
    }
}
