package com.waqup.common.privacy;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** {@code user.deletion_requested} (docs/events.md): user-service asks every service to erase a person. */
public record UserDeletionRequested(@NotNull UUID userId, Instant requestedAt) {

    public static final String TYPE = "user.deletion_requested";
}
