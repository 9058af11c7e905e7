package com.waqup.user.keys;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One RS256 key pair; keys are PKCS#8 / X.509 DER, base64-encoded. The private half is stored encrypted
 * ({@link KeyEncryption}: {@code private_key} is then its ciphertext, with {@code wrapped_data_key} and {@code kek_id});
 * a row from before encryption ({@code kek_id} null) is sealed at the next start-up.
 */
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
    @Column(name = "wrapped_data_key")
    private String wrappedDataKey;
    @Column(name = "kek_id")
    private String kekId;

    protected SigningKey() {
    }

    SigningKey(String kid, KeyEncryption.Sealed privateKey, String publicKey, Instant createdAt) {
        this.kid = kid;
        this.publicKey = publicKey;
        this.createdAt = createdAt;
        seal(privateKey);
    }

    /** The private key as stored, or null for a row from before encryption. */
    KeyEncryption.Sealed sealed() {
        return kekId == null ? null : new KeyEncryption.Sealed(privateKey, wrappedDataKey, kekId);
    }

    String kekId() {
        return kekId;
    }

    void seal(KeyEncryption.Sealed sealed) {
        this.privateKey = sealed.ciphertext();
        this.wrappedDataKey = sealed.wrappedDataKey();
        this.kekId = sealed.kekId();
    }

    String kid() {
        return kid;
    }

    /** The base64 PKCS#8 of a row from before encryption (null once sealed). */
    String plaintextPrivateKey() {
        return kekId == null ? privateKey : null;
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
