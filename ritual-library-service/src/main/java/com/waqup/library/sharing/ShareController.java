package com.waqup.library.sharing;

import java.util.UUID;

import com.waqup.common.security.AuthenticatedUser;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Share links of the caller's items, and the public {@code GET /api/v1/content/shared/{token}} (listed in
 * {@code waqup.security.public-paths}; the gateway must route it without a token).
 */
@RestController
class ShareController {

    private final ShareService shares;

    ShareController(ShareService shares) {
        this.shares = shares;
    }

    record CreateRequest(Integer expiresInHours) {
    }

    @PostMapping("/api/v1/content/{id}/shares")
    @ResponseStatus(HttpStatus.CREATED)
    ShareService.Created create(AuthenticatedUser user, @PathVariable UUID id,
            @RequestBody(required = false) CreateRequest body) {
        return shares.create(user.id(), id, body == null ? null : body.expiresInHours());
    }

    @GetMapping("/api/v1/content/{id}/shares")
    ShareService.ShareList list(AuthenticatedUser user, @PathVariable UUID id) {
        return shares.list(user.id(), id);
    }

    @DeleteMapping("/api/v1/content/shares/{shareId}")
    ShareService.Revoked revoke(AuthenticatedUser user, @PathVariable UUID shareId) {
        return shares.revoke(user.id(), shareId);
    }

    /** Public: no caller identity; never cached by intermediaries (the answer carries a signed URL). */
    @GetMapping("/api/v1/content/shared/{token}")
    ResponseEntity<ShareService.Shared> open(@PathVariable String token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(shares.open(token));
    }
}
