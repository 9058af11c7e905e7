package com.waqup.common.privacy;

import java.time.Instant;
import java.util.UUID;

/** {@code user.deleted.{service}} (docs/events.md): one service confirms that it erased a person. */
public record UserDeleted(UUID userId, String service, Instant deletedAt, long rowsDeleted, long objectsDeleted) {

    public static final String TYPE_PREFIX = "user.deleted.";
}
