package com.waqup.user.privacy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.waqup.common.security.AuthenticatedUser;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The person's own data: {@code GET /api/v1/users/me/export} and {@code DELETE /api/v1/users/me}. */
@RestController
@RequestMapping("/api/v1/users/me")
@Validated
class PrivacyController {

    private final AccountExport exports;
    private final AccountErasure erasure;

    PrivacyController(AccountExport exports, AccountErasure erasure) {
        this.exports = exports;
        this.erasure = erasure;
    }

    record DeleteRequest(@NotBlank @Size(max = 1024) String password) {
    }

    record DeleteResponse(String status, UUID userId, Instant requestedAt, List<String> pendingServices) {
    }

    @GetMapping("/export")
    ResponseEntity<Map<String, Object>> export(AuthenticatedUser user) {
        Map<String, Object> document = new LinkedHashMap<>(exports.export(user.id()));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"waqup-export.json\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(document);
    }

    @DeleteMapping
    ResponseEntity<DeleteResponse> delete(AuthenticatedUser user, @Valid @RequestBody DeleteRequest body) {
        AccountErasure.Requested requested = erasure.request(user.id(), body.password());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new DeleteResponse("deletion_requested", requested.userId(),
                requested.requestedAt(), requested.pendingServices()));
    }
}
