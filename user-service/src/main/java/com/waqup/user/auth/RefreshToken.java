package com.waqup.user.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One refresh token of a family (a login); only its hash is kept. */
@Entity
@Table(name = "refresh_token")
class RefreshToken {

    @Id
    private UUID id;
    @Column(name = "family_id", nullable = false)
    private UUID familyId;
    @Column(name = "user_id", nullable = false)
    private UUID userId;
    @Column(name = "token_hash", nullable = false)
    private String tokenHash;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;
    @Column(name = "rotated_at")
    private Instant rotatedAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "revoked_reason")
    private String revokedReason;

    protected RefreshToken() {
    }

    static RefreshToken issue(UUID familyId, UUID userId, String tokenHash, Instant now, Instant expiresAt) {
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.familyId = familyId;
        token.userId = userId;
        token.tokenHash = tokenHash;
        token.createdAt = now;
        token.expiresAt = expiresAt;
        return token;
    }

    UUID familyId() {
        return familyId;
    }

    UUID userId() {
        return userId;
    }

    boolean revoked() {
        return revokedAt != null;
    }

    boolean rotated() {
        return rotatedAt != null;
    }

    boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    void markRotated(Instant now) {
        rotatedAt = now;
    }
}
