package com.waqup.library.content;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The person's folders. A name is unique per person (case-insensitive); deleting a folder keeps its items. */
@Service
class FolderService {

    static final int NAME_MAX = 60;
    static final int FOLDERS_MAX = 200;

    private final FolderRepository folders;
    private final ContentRepository items;
    private final MetadataCache cache;
    private final Clock clock;

    FolderService(FolderRepository folders, ContentRepository items, MetadataCache cache, Clock clock) {
        this.folders = folders;
        this.items = items;
        this.cache = cache;
        this.clock = clock;
    }

    record FolderView(UUID id, String name, long itemCount, Instant createdAt, Instant updatedAt) {
        static FolderView of(FolderRepository.Folder f) {
            return new FolderView(f.id(), f.name(), f.itemCount(), f.createdAt(), f.updatedAt());
        }
    }

    record FolderList(List<FolderView> folders) {
    }

    record FolderDeleted(String status, UUID folderId, long itemsKept) {
    }

    static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > NAME_MAX) {
            throw ContentErrors.invalid("name", "must be 1 to " + NAME_MAX + " characters");
        }
        return name;
    }

    private static DomainException nameTaken() {
        return DomainException.conflict("FOLDER_NAME_TAKEN", "You already have a folder with this name");
    }

    @Transactional
    FolderView create(UUID userId, String rawName) {
        String name = name(rawName);
        if (folders.countOf(userId) >= FOLDERS_MAX) {
            throw DomainException.conflict("FOLDER_LIMIT_REACHED", "At most " + FOLDERS_MAX + " folders");
        }
        if (folders.nameTaken(userId, name, null)) {
            throw nameTaken();
        }
        UUID id = UUID.randomUUID();
        try {
            folders.insert(id, userId, name, clock.instant());
        } catch (DuplicateKeyException raced) {
            throw nameTaken();
        }
        return FolderView.of(folders.find(id, userId).orElseThrow());
    }

    @Transactional(readOnly = true)
    FolderList list(UUID userId) {
        return new FolderList(folders.allOf(userId).stream().map(FolderView::of).toList());
    }

    @Transactional
    FolderView rename(UUID userId, UUID id, String rawName) {
        String name = name(rawName);
        folders.find(id, userId).orElseThrow(() -> ContentErrors.folderNotFound(id));
        if (folders.nameTaken(userId, name, id)) {
            throw nameTaken();
        }
        try {
            folders.rename(id, userId, name, clock.instant());
        } catch (DuplicateKeyException raced) {
            throw nameTaken();
        }
        return FolderView.of(folders.find(id, userId).orElseThrow());
    }

    /** The items stay in the library, outside any folder (the foreign key sets their folder to null). */
    @Transactional
    FolderDeleted delete(UUID userId, UUID id) {
        folders.find(id, userId).orElseThrow(() -> ContentErrors.folderNotFound(id));
        List<UUID> inside = items.idsInFolder(id);
        folders.delete(id, userId);
        cache.evict(inside);
        return new FolderDeleted("deleted", id, inside.size());
    }
}
