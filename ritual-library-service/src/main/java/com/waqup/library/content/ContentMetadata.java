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
        String source, UUID packId, UUID sourcePackId, UUID personalizedFrom) {

    /** The person's own item (made for them). */
    public static final String OWN = "own";
    /** An item of a pack they claimed or bought: pack-owned audio, never deleted on their behalf. */
    public static final String PACK = "pack";

    public record Voice(String id, String name) {
    }

    /** The same item without a personalization link (an item made for the person from scratch or a pack's item). */
    public ContentMetadata(UUID id, UUID userId, String contentType, String title, String contentText, String depth,
            int duration, List<String> tags, Voice voice, String audioKey, String audioFormat, Long audioSizeBytes,
            int version, UUID folderId, boolean favorite, Instant createdAt, Instant updatedAt, JsonNode structure,
            JsonNode context, String source, UUID packId) {
        this(id, userId, contentType, title, contentText, depth, duration, tags, voice, audioKey, audioFormat,
                audioSizeBytes, version, folderId, favorite, createdAt, updatedAt, structure, context, source, packId, null,
                null);
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
