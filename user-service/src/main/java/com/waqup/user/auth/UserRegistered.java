package com.waqup.user.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * The {@code data} of a {@code user.registered} event (a published contract: credit-service grants the
 * free-tier credit on it). Only what consumers need: no email, no password, nothing else personal.
 */
public record UserRegistered(UUID userId, Instant registeredAt) {

    public static final String TYPE = "user.registered";
}
