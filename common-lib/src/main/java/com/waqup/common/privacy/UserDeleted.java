package com.waqup.common.privacy;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** {@code user.deleted.{service}} (docs/events.md): one service confirms that it erased a person. */
public record UserDeleted(@NotNull UUID userId, @NotNull String service, Instant deletedAt, long rowsDeleted,
        long objectsDeleted) {

    /** Every service's confirmation: {@code user.deleted.} and the service's name. */
    public static final String TYPE_PREFIX = "user.deleted.";
    /** The routing key pattern that matches every service's confirmation. */
    public static final String ANY_TYPE = TYPE_PREFIX + "*";

    /** The type (routing key) of {@code service}'s confirmation. */
    public static String type(String service) {
        return TYPE_PREFIX + service;
    }
}
