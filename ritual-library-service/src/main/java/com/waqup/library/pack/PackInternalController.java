package com.waqup.library.pack;

import com.waqup.common.security.InternalScope;
import com.waqup.common.security.ServiceGrants;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service questions about packs ({@code /internal/**}, service token only; docs/marketplace.md): whether a
 * person may use a pack (catalog), and a creator's item checked and copied into a pack (creator-service).
 */
@RestController
class PackInternalController {

    private final PackAccessService access;

    PackInternalController(PackAccessService access) {
        this.access = access;
    }

    record CopyRequest(@NotNull UUID userId, @NotNull UUID packId, @NotNull UUID itemId, @NotNull @Min(1) Integer revision) {
    }

    @InternalScope(ServiceGrants.PACK_ACCESS_READ)
    @GetMapping("/internal/packs/{packId}/access")
    PackAccessService.Access access(@PathVariable UUID packId, @RequestParam("user_id") UUID userId) {
        return access.access(packId, userId);
    }

    @InternalScope(ServiceGrants.CONTENT_READ)
    @GetMapping("/internal/content/{contentId}")
    PackAccessService.OwnedItem owned(@PathVariable UUID contentId, @RequestParam("user_id") UUID userId) {
        return access.owned(contentId, userId);
    }

    @InternalScope(ServiceGrants.CONTENT_COPY)
    @PostMapping("/internal/content/{contentId}/pack-copies")
    PackAccessService.PackCopy copy(@PathVariable UUID contentId, @Valid @RequestBody CopyRequest body) {
        return access.copy(contentId, body.userId(), body.packId(), body.itemId(), body.revision());
    }
}
