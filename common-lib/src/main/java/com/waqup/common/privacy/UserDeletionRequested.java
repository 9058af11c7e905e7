package com.waqup.common.privacy;

import java.time.Instant;
import java.util.UUID;

/** {@code user.deletion_requested} (docs/events.md): user-service asks every service to erase a person. */
public record UserDeletionRequested(UUID userId, Instant requestedAt) {
}
