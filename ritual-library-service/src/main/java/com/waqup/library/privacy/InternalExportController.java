package com.waqup.library.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.waqup.library.content.ContentService;
import com.waqup.library.practice.PracticeService;
import com.waqup.library.sharing.ShareService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The library's part of the account export (user-service assembles {@code GET /api/v1/users/me/export}; service
 * token only): every item with signed audio URLs of every version, every practice event, the folders, the share
 * links (metadata only: the tokens themselves are not stored) and the favourites.
 */
@RestController
class InternalExportController {

    private final ContentService content;
    private final PracticeService practice;
    private final ShareService shares;
    private final Clock clock;

    InternalExportController(ContentService content, PracticeService practice, ShareService shares, Clock clock) {
        this.content = content;
        this.practice = practice;
        this.shares = shares;
        this.clock = clock;
    }

    record LibraryExport(UUID userId, String service, Instant exportedAt, List<ContentService.ExportedItem> contentItems,
            List<PracticeService.HistoryEntry> practiceEvents, List<ContentService.ExportedFolder> folders,
            List<ShareService.ShareView> shares, List<UUID> favorites) {
    }

    @GetMapping("/internal/users/{userId}/export")
    LibraryExport export(@PathVariable UUID userId) {
        List<ContentService.ExportedItem> items = content.exportAll(userId);
        return new LibraryExport(userId, "ritual-library", clock.instant(), items, practice.exportAll(userId),
                content.exportFolders(userId), shares.exportAll(userId),
                items.stream().filter(ContentService.ExportedItem::favorite).map(ContentService.ExportedItem::id).toList());
    }
}
