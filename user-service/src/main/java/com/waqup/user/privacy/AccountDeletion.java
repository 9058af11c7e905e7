package com.waqup.user.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An erasure request as user-service tracks it: only the hash of the person's id, what is still pending. */
record AccountDeletion(UUID id, String userHash, Instant requestedAt, List<String> pending, Instant completedAt) {
}
