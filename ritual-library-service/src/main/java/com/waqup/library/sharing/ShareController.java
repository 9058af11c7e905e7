package com.waqup.library.sharing;

import java.util.UUID;
import java.util.regex.Pattern;

import com.waqup.common.security.AuthenticatedUser;
import com.waqup.library.content.ContentMetadata;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Share links of the caller's items, and the public {@code GET /api/v1/content/shared/{token}} (listed in
 * {@code waqup.security.public-paths}; the gateway must route it without a token).
 */
@RestController
class ShareController {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,15})?-(\\d{1,15})?");
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

    /**
     * Public: the shared item's audio, streamed through this service (the object key and a pre-signed URL would
     * show the owner's id), with HTTP Range support (206 + Content-Range) for seeking players.
     */
    @GetMapping("/api/v1/content/shared/{token}/audio")
    ResponseEntity<StreamingResponseBody> audio(@PathVariable String token,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) {
        ContentMetadata item = shares.sharedItem(token);
        String requested = range != null && RANGE.matcher(range.trim()).matches() && !range.trim().equals("bytes=-")
                ? range.trim() : null;
        ResponseInputStream<GetObjectResponse> object;
        try {
            object = shares.openAudio(item, requested);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                throw new ResponseStatusException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
            }
            throw e;
        }
        GetObjectResponse meta = object.response();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("mp3".equals(item.audioFormat()) ? "audio/mpeg" : "audio/" + item.audioFormat()));
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        headers.setCacheControl(CacheControl.noStore());
        if (meta.contentLength() != null) {
            headers.setContentLength(meta.contentLength());
        }
        boolean partial = meta.contentRange() != null && requested != null;
        if (partial) {
            headers.set(HttpHeaders.CONTENT_RANGE, meta.contentRange());
        }
        StreamingResponseBody body = out -> {
            try (object) {
                object.transferTo(out);
            }
        };
        return ResponseEntity.status(partial ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK).headers(headers).body(body);
    }

    /** Public: no caller identity; never cached by intermediaries (the answer carries a signed URL). */
    @GetMapping("/api/v1/content/shared/{token}")
    ResponseEntity<ShareService.Shared> open(@PathVariable String token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(shares.open(token));
    }
}
