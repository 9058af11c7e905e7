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
        UUID folderId, boolean favorite, Instant createdAt, Instant updatedAt, JsonNode structure, JsonNode context) {

    public record Voice(String id, String name) {
    }

    public boolean ownedBy(UUID user) {
        return userId.equals(user);
    }
}
