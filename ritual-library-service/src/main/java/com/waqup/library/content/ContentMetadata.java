package com.waqup.library.content;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * What the library knows about one item, without the per-request parts (the signed URL) and the play counters:
 * the value cached in Redis. Never sent to a client as is (it holds the owner and the object key).
 */
public record ContentMetadata(UUID id, UUID userId, String contentType, String title, String contentText, String depth,
        int duration, List<String> tags, Voice voice, String audioKey, String audioFormat, Long audioSizeBytes, int version,
        UUID folderId, boolean favorite, Instant createdAt, Instant updatedAt, JsonNode structure, JsonNode context,
        String source, UUID packId) {

    /** The person's own item (made for them). */
    public static final String OWN = "own";
    /** An item of a pack they claimed or bought: pack-owned audio, never deleted on their behalf. */
    public static final String PACK = "pack";

    public record Voice(String id, String name) {
    }

    public boolean ownedBy(UUID user) {
        return userId.equals(user);
    }

    /** A pack's item in this person's library (metadata cached before packs existed has no source: their own). */
    public boolean fromPack() {
        return PACK.equals(source);
    }

    /** {@code own} or {@code pack}. */
    public String sourceOrOwn() {
        return source == null ? OWN : source;
    }
}
