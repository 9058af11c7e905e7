package com.waqup.library.content;

import java.util.List;
import java.util.UUID;

import com.waqup.common.paging.PageQuery;
import com.waqup.common.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The seed's Content APIs for the caller's own library, plus organization (title, tags, folders, favourites). */
@RestController
@RequestMapping("/api/v1/content")
class ContentController {

    private final ContentService content;
    private final FolderService folders;

    ContentController(ContentService content, FolderService folders) {
        this.content = content;
        this.folders = folders;
    }

    record UpdateRequest(@Size(max = 1000) String title, @Size(max = 100) List<@Size(max = 1000) String> tags) {
    }

    record FolderRequest(@NotNull @Size(max = 1000) String name) {
    }

    record MoveRequest(UUID folderId) {
    }

    @GetMapping
    ContentService.ContentPage list(AuthenticatedUser user, PageQuery page,
            @RequestParam(name = "content_type", required = false) String contentType,
            @RequestParam(name = "tags", required = false) List<String> tags,
            @RequestParam(name = "depth", required = false) String depth,
            @RequestParam(name = "favorite", required = false) Boolean favorite,
            @RequestParam(name = "folder_id", required = false) UUID folderId,
            @RequestParam(name = "pack_id", required = false) UUID packId) {
        return content.list(user.id(), new ContentService.ListFilter(contentType, tags, depth, favorite, folderId, packId),
                page);
    }

    @GetMapping("/{id}")
    ContentService.Detail detail(AuthenticatedUser user, @PathVariable UUID id) {
        return content.detail(user.id(), id);
    }

    @PutMapping("/{id}")
    ContentService.Detail update(AuthenticatedUser user, @PathVariable UUID id, @Valid @RequestBody UpdateRequest body) {
        return content.update(user.id(), id, body.title(), body.tags());
    }

    @DeleteMapping("/{id}")
    ContentService.Deleted delete(AuthenticatedUser user, @PathVariable UUID id) {
        return content.delete(user.id(), id);
    }

    @GetMapping("/{id}/export")
    ContentService.Export export(AuthenticatedUser user, @PathVariable UUID id,
            @RequestParam(name = "format", required = false) String format) {
        return content.export(user.id(), id, format);
    }

    @PutMapping("/{id}/favorite")
    ContentService.FavoriteState favorite(AuthenticatedUser user, @PathVariable UUID id) {
        return content.favorite(user.id(), id, true);
    }

    @DeleteMapping("/{id}/favorite")
    ContentService.FavoriteState unfavorite(AuthenticatedUser user, @PathVariable UUID id) {
        return content.favorite(user.id(), id, false);
    }

    @PutMapping("/{id}/folder")
    ContentService.FolderPlacement move(AuthenticatedUser user, @PathVariable UUID id, @RequestBody MoveRequest body) {
        return content.moveToFolder(user.id(), id, body.folderId());
    }

    // ---- folders -----------------------------------------------------------------------------------------

    @PostMapping("/folders")
    @ResponseStatus(HttpStatus.CREATED)
    FolderService.FolderView createFolder(AuthenticatedUser user, @Valid @RequestBody FolderRequest body) {
        return folders.create(user.id(), body.name());
    }

    @GetMapping("/folders")
    FolderService.FolderList folders(AuthenticatedUser user) {
        return folders.list(user.id());
    }

    @PatchMapping("/folders/{folderId}")
    FolderService.FolderView renameFolder(AuthenticatedUser user, @PathVariable UUID folderId,
            @Valid @RequestBody FolderRequest body) {
        return folders.rename(user.id(), folderId, body.name());
    }

    @DeleteMapping("/folders/{folderId}")
    FolderService.FolderDeleted deleteFolder(AuthenticatedUser user, @PathVariable UUID folderId) {
        return folders.delete(user.id(), folderId);
    }
}
