package com.waqup.common.security;

import java.util.Set;
import java.util.UUID;

/**
 * The person behind a verified user token, bound on any controller parameter of this type.
 *
 * @param id    the {@code sub} claim
 * @param roles the {@code roles} claim
 * @param tier  the {@code tier} claim ({@code free} or {@code paid})
 * @param token the raw access token, to pass on when this service calls another on the person's behalf
 */
public record AuthenticatedUser(UUID id, Set<String> roles, String tier, String token) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    @Override
    public String toString() {
        return "AuthenticatedUser[id=" + id + ", roles=" + roles + ", tier=" + tier + "]"; // never the token
    }
}
