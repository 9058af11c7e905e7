package com.waqup.user.keys;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One RS256 key pair; keys are PKCS#8 / X.509 DER, base64-encoded. */
@Entity
@Table(name = "signing_key")
class SigningKey {

    @Id
    private String kid;
    @Column(name = "private_key", nullable = false)
    private String privateKey;
    @Column(name = "public_key", nullable = false)
    private String publicKey;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "retired_at")
    private Instant retiredAt;

    protected SigningKey() {
    }

    SigningKey(String kid, String privateKey, String publicKey, Instant createdAt) {
        this.kid = kid;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.createdAt = createdAt;
    }

    String kid() {
        return kid;
    }

    String privateKey() {
        return privateKey;
    }

    String publicKey() {
        return publicKey;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant retiredAt() {
        return retiredAt;
    }

    boolean active() {
        return retiredAt == null;
    }

    void retire(Instant now) {
        if (retiredAt == null) {
            retiredAt = now;
        }
    }
}
