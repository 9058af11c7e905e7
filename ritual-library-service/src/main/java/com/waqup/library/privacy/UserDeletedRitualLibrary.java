package com.waqup.library.privacy;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code user.deleted.ritual-library} (ritual-library → user-service; docs/events.md): this service holds nothing of
 * the person any more. {@code rows_deleted} counts the rows of every table, {@code objects_deleted} the S3 objects.
 */
public record UserDeletedRitualLibrary(UUID userId, String service, Instant deletedAt, long rowsDeleted,
        long objectsDeleted) {

    public static final String TYPE = "user.deleted.ritual-library";
    public static final String SERVICE = "ritual-library";
}
