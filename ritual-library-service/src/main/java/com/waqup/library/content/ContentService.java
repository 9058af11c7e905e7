package com.waqup.library.content;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.waqup.common.paging.PageQuery;
import com.waqup.common.paging.Pagination;
import com.waqup.library.storage.AudioStorage;
import com.waqup.library.storage.StorageCleanup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The person's library: reading (list, detail with a signed audio URL, export), organizing (title, tags, folder,
 * favourite), deleting (rows now, audio from S3 after commit), and the versions that {@code content.ready} brings.
 */
@Service
public class ContentService {

    private static final Logger log = LoggerFactory.getLogger(ContentService.class);

    private final ContentRepository items;
    private final FolderRepository folders;
    private final MetadataCache cache;
    private final AudioStorage audio;
    private final StorageCleanup cleanup;
    private final Clock clock;

    ContentService(ContentRepository items, FolderRepository folders, MetadataCache cache, AudioStorage audio,
            StorageCleanup cleanup, Clock clock) {
        this.items = items;
        this.folders = folders;
        this.cache = cache;
        this.audio = audio;
        this.cleanup = cleanup;
        this.clock = clock;
    }

    // ---- views ---------------------------------------------------------------------------------------------

    /** One entry of {@code GET /api/v1/content} (the seed's list fields plus the person's organization). */
    public record ListItem(UUID id, String contentType, String title, String depth, int duration, List<String> tags,
            Instant createdAt, Instant lastPlayedAt, int playCount, boolean favorite, UUID folderId, String source,
            UUID packId, UUID sourcePackId, UUID personalizedFrom) {
    }

    public record ContentPage(List<ListItem> contentItems, Pagination pagination) {
    }

    /** The seed's detail, with the current version's signed URL and when it stops working. */
    public record Detail(UUID id, String contentType, String title, String contentText, String depth, int duration,
            List<String> tags, ContentMetadata.Voice voice, String audioUrl, Instant audioUrlExpiresAt, String audioFormat,
            int version, UUID folderId, boolean favorite, Instant createdAt, JsonNode structure, JsonNode context,
            String source, UUID packId, UUID sourcePackId, UUID personalizedFrom) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Export(String text, String audioUrl, Instant exportedAt) {
    }

    public record Deleted(String status, UUID contentItemId) {
    }

    public record ListFilter(String contentType, List<String> tags, String depth, Boolean favorite, UUID folderId,
            UUID packId) {
    }

    // ---- reading -------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public ContentPage list(UUID userId, ListFilter filter, PageQuery page) {
        ContentRepository.Filter f = new ContentRepository.Filter(userId, ContentRules.contentType(filter.contentType()),
                ContentRules.tagFilter(filter.tags()), ContentRules.depth(filter.depth()), filter.favorite(), filter.folderId(),
                filter.packId(), clock.instant());
        long total = items.count(f);
        List<ListItem> rows = total == 0 || page.offset() >= total ? List.of()
                : items.page(f, page.offset(), page.limit()).stream().map(ContentService::listItem).toList();
        return new ContentPage(rows, Pagination.of(page, total));
    }

    static ListItem listItem(ContentRepository.Row row) {
        ContentMetadata m = row.metadata();
        return new ListItem(m.id(), m.contentType(), m.title(), m.depth(), m.duration(), m.tags(), m.createdAt(),
                row.lastPlayedAt(), row.playCount(), m.favorite(), m.folderId(), m.sourceOrOwn(), m.packId(),
                m.sourcePackId(), m.personalizedFrom());
    }

    /**
     * The item's metadata if it is the person's (cache first); someone else's is the same 404 as a missing one, and so
     * is a pack item whose access has ended (a subscription's paid period is over, a refunded purchase).
     */
    public ContentMetadata owned(UUID userId, UUID id) {
        ContentMetadata metadata = metadata(id).orElse(null);
        if (metadata == null || !metadata.ownedBy(userId)) {
            throw ContentErrors.contentNotFound(id);
        }
        if (metadata.fromPack() && metadata.packId() != null
                && !items.packAccessActive(userId, metadata.packId(), clock.instant())) {
            throw ContentErrors.contentNotFound(id);
        }
        return metadata;
    }

    /** Anyone's item by id (cache first): only for share links, which carry their own authorization. */
    public Optional<ContentMetadata> metadata(UUID id) {
        Optional<ContentMetadata> cached = cache.get(id);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<ContentMetadata> row = items.find(id).map(ContentRepository.Row::metadata);
        row.ifPresent(cache::put);
        return row;
    }

    /** A signed URL of the item's current audio. */
    public String audioUrl(ContentMetadata metadata) {
        return audio.signedGetUrl(metadata.audioKey()).toString();
    }

    public Detail detail(UUID userId, UUID id) {
        return detail(owned(userId, id));
    }

    Detail detail(ContentMetadata m) {
        AudioStorage.SignedUrl audioUrl = audio.signedGet(m.audioKey());
        return new Detail(m.id(), m.contentType(), m.title(), m.contentText(), m.depth(), m.duration(), m.tags(), m.voice(),
                audioUrl.url().toString(), audioUrl.expiresAt(), m.audioFormat(), m.version(), m.folderId(),
                m.favorite(), m.createdAt(), m.structure(), m.context(), m.sourceOrOwn(), m.packId(), m.sourcePackId(),
                m.personalizedFrom());
    }

    public Export export(UUID userId, UUID id, String format) {
        String f = format == null || format.isBlank() ? "both" : format.trim().toLowerCase(Locale.ROOT);
        if (!List.of("text", "audio", "both").contains(f)) {
            throw ContentErrors.invalid("format", "must be one of text, audio, both");
        }
        ContentMetadata m = owned(userId, id);
        return new Export(f.equals("audio") ? null : m.contentText(),
                f.equals("text") ? null : audio.signedGetUrl(m.audioKey()).toString(), clock.instant());
    }

    // ---- organizing ----------------------------------------------------------------------------------------

    @Transactional
    public Detail update(UUID userId, UUID id, String title, List<String> tags) {
        if (title == null && tags == null) {
            throw ContentErrors.invalid("title", "title or tags is required");
        }
        String newTitle = title == null ? null : ContentRules.title(title);
        List<String> newTags = tags == null ? null : ContentRules.tags(tags);
        items.lockOwned(id, userId).orElseThrow(() -> ContentErrors.contentNotFound(id));
        items.updateTitleAndTags(id, newTitle, newTags, clock.instant());
        cache.evict(id);
        return detail(items.find(id).orElseThrow().metadata());
    }

    public record FavoriteState(UUID contentItemId, boolean favorite) {
    }

    @Transactional
    public FavoriteState favorite(UUID userId, UUID id, boolean favorite) {
        items.lockOwned(id, userId).orElseThrow(() -> ContentErrors.contentNotFound(id));
        items.setFavorite(id, favorite, clock.instant());
        cache.evict(id);
        return new FavoriteState(id, favorite);
    }

    public record FolderPlacement(UUID contentItemId, UUID folderId) {
    }

    @Transactional
    public FolderPlacement moveToFolder(UUID userId, UUID id, UUID folderId) {
        items.lockOwned(id, userId).orElseThrow(() -> ContentErrors.contentNotFound(id));
        if (folderId != null && folders.find(folderId, userId).isEmpty()) {
            throw ContentErrors.folderNotFound(folderId);
        }
        items.setFolder(id, folderId, clock.instant());
        cache.evict(id);
        return new FolderPlacement(id, folderId);
    }

    /** Counts a play of the person's item (the practice capability calls it when a session starts). */
    @Transactional
    public void recordPlay(UUID userId, UUID id, Instant startedAt) {
        if (!items.recordPlay(id, userId, startedAt)) {
            throw ContentErrors.contentNotFound(id);
        }
    }

    // ---- deleting ------------------------------------------------------------------------------------------

    /**
     * Deletes the item, its versions and share links now; its audio (every version, and anything else under
     * {@code audio/{user}/{item}/}) right after commit, retried until S3 confirms. Practice events stay (history).
     */
    @Transactional
    public Deleted delete(UUID userId, UUID id) {
        ContentRepository.Row row = items.lockOwned(id, userId).orElseThrow(() -> ContentErrors.contentNotFound(id));
        if (row.metadata().fromPack()) {
            // the audio belongs to the pack (other people play it too): removing it from one's library hides it
            items.hide(id, clock.instant());
            cache.evict(id);
            log.info("pack item {} hidden from its person's library", id);
            return new Deleted("deleted", id);
        }
        List<StorageCleanup.Target> targets = new ArrayList<>();
        items.audioKeysOf(id).forEach(key -> targets.add(StorageCleanup.Target.object(key)));
        targets.add(StorageCleanup.Target.prefix(itemPrefix(row.metadata().userId(), id)));
        items.delete(id);
        cache.evict(id);
        cleanup.deleteAfterCommit(targets, "content item " + id + " deleted");
        log.info("content item {} deleted with {} audio object key(s)", id, targets.size() - 1);
        return new Deleted("deleted", id);
    }

    // ---- packs (the pack capability: originals for creators, copies for people who own a pack) ----------------

    /** The person's own (not pack) item, for a creator putting it in a pack; empty if unknown or not theirs. */
    @Transactional(readOnly = true)
    public Optional<ContentMetadata> ownOriginal(UUID userId, UUID id) {
        return items.find(id).map(ContentRepository.Row::metadata)
                .filter(m -> m.ownedBy(userId) && !m.fromPack());
    }

    /** One pack item version for a person's library. */
    public record PackItem(UUID packItemId, String contentType, String title, String contentText, int duration,
            List<String> tags, String audioKey, String audioFormat, Long audioSizeBytes, int revision) {
    }

    /**
     * Puts a pack's items into the person's library (source {@code pack}, the pack-owned audio); an item already
     * there (the same pack item) is left as it is. Returns how many were added.
     */
    @Transactional
    public int addPackItems(UUID userId, UUID packId, List<PackItem> packItems) {
        Instant now = clock.instant();
        List<UUID> added = new ArrayList<>();
        for (PackItem p : packItems) {
            UUID id = packItemId(userId, p.packItemId());
            String type = ContentRules.CONTENT_TYPES.contains(p.contentType()) ? p.contentType() : "ritual";
            ContentMetadata m = new ContentMetadata(id, userId, type, p.title(), p.contentText(), null, p.duration(),
                    p.tags() == null ? List.of() : p.tags(), null, p.audioKey(), p.audioFormat(), p.audioSizeBytes(),
                    p.revision(), null, false, now, now, null, null, ContentMetadata.PACK, packId);
            if (items.insertPackItem(m, p.packItemId(), now)) {
                added.add(id);
            }
        }
        cache.evict(added); // one Redis call for the whole pack (and one after commit)
        return added.size();
    }

    /** The id of a pack item in one person's library: derived, so granting twice never adds it twice. */
    public static UUID packItemId(UUID userId, UUID packItemId) {
        return UUID.nameUUIDFromBytes(("pack-item:" + userId + ":" + packItemId).getBytes(StandardCharsets.UTF_8));
    }

    public static String itemPrefix(UUID userId, UUID itemId) {
        return "audio/" + userId + "/" + itemId + "/";
    }

    public static String userPrefix(UUID userId) {
        return "audio/" + userId + "/";
    }

    /** Evicts the cached metadata of these items (after an erasure that deleted their rows). */
    public void evict(List<UUID> ids) {
        cache.evict(ids);
    }

    // ---- the person's whole library (account export) ---------------------------------------------------------

    public record ExportedVersion(int version, String audioUrl, int duration, String format, Long sizeBytes,
            Instant createdAt) {
    }

    public record ExportedItem(UUID id, String contentType, String title, String contentText, String depth, int duration,
            List<String> tags, ContentMetadata.Voice voice, String audioUrl, int version, List<ExportedVersion> versions,
            UUID folderId, boolean favorite, Instant createdAt, Instant lastPlayedAt, int playCount, JsonNode structure,
            JsonNode context, String source, UUID packId) {
    }

    public record ExportedFolder(UUID id, String name, long itemCount, Instant createdAt, Instant updatedAt) {
    }

    @Transactional(readOnly = true)
    public List<ExportedFolder> exportFolders(UUID userId) {
        return folders.allOf(userId).stream()
                .map(f -> new ExportedFolder(f.id(), f.name(), f.itemCount(), f.createdAt(), f.updatedAt())).toList();
    }

    @Transactional(readOnly = true)
    public List<ExportedItem> exportAll(UUID userId) {
        return items.allOf(userId).stream().map(row -> {
            ContentMetadata m = row.metadata();
            List<ExportedVersion> versions = items.versions(m.id()).stream()
                    .map(v -> new ExportedVersion(v.version(), audio.signedGetUrl(v.audioKey()).toString(), v.duration(),
                            v.format(), v.sizeBytes(), v.createdAt())).toList();
            return new ExportedItem(m.id(), m.contentType(), m.title(), m.contentText(), m.depth(), m.duration(), m.tags(),
                    m.voice(), audio.signedGetUrl(m.audioKey()).toString(), m.version(), versions, m.folderId(),
                    m.favorite(), m.createdAt(), row.lastPlayedAt(), row.playCount(), m.structure(), m.context(),
                    m.sourceOrOwn(), m.packId());
        }).toList();
    }
}
