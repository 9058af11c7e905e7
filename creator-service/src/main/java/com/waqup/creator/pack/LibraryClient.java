package com.waqup.creator.pack;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.waqup.common.client.InternalCallException;
import com.waqup.common.client.InternalClient;
import com.waqup.common.client.InternalClients;
import com.waqup.common.error.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * ritual-library's internal endpoints a pack needs (docs/marketplace.md): whether a content item is a ready item of
 * the creator's own library, and the copy of one into a pack-owned immutable version (audio copied in S3 to
 * {@code packs/{pack_id}/{item_id}/{revision}.mp3}, script and metadata returned).
 */
@Component
class LibraryClient {

    private static final Logger log = LoggerFactory.getLogger(LibraryClient.class);

    private final InternalClients clients;

    LibraryClient(InternalClients clients) {
        this.clients = clients;
    }

    /** {@code GET /internal/content/{id}?user_id=}: a ready item of that person's own library. */
    record OwnedItem(UUID contentId, UUID userId, String contentType, String title, int duration, List<String> tags) {
    }

    /** {@code POST /internal/content/{id}/pack-copies} → the copied version. */
    record CopyRequest(UUID userId, UUID packId, UUID itemId, int revision) {
    }

    record Copy(String title, String contentType, String practiceType, int duration, List<String> tags,
            String contentText, String audioKey, String audioFormat, Long audioSizeBytes) {
    }

    private InternalClient library() {
        return clients.client("ritual-library");
    }

    /** The item if it is a ready item of {@code userId}'s own library; empty if unknown or someone else's. */
    Optional<OwnedItem> owned(UUID contentId, UUID userId) {
        try {
            return Optional.ofNullable(library().get(OwnedItem.class, "/internal/content/{id}?user_id={user}", contentId, userId));
        } catch (InternalCallException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw unavailable(e);
        }
    }

    Copy copy(UUID contentId, CopyRequest request) {
        try {
            return library().post(Copy.class, "/internal/content/{id}/pack-copies", request, contentId);
        } catch (InternalCallException e) {
            if (e.status() == 404) {
                throw DomainException.conflict("PACK_ITEM_UNAVAILABLE", "Item " + contentId
                        + " is no longer in your library: remove it from the pack or add it again");
            }
            throw unavailable(e);
        }
    }

    private static DomainException unavailable(InternalCallException e) {
        log.warn("ritual-library did not serve a pack request: {}", e.getMessage());
        return DomainException.unavailable("LIBRARY_UNAVAILABLE", "The library cannot be reached right now; try again shortly")
                .retryAfter(Duration.ofSeconds(5));
    }
}
