package com.waqup.user.privacy;

import java.time.Instant;
import java.util.List;

/** An erasure request as user-service tracks it: only the hash of the person's id, what is still pending. */
record AccountDeletion(java.util.UUID id, String userHash, Instant requestedAt, List<String> pending, Instant completedAt) {
}
