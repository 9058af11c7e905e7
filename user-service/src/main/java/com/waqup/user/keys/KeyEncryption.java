package com.waqup.user.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of the signing keys' private halves at rest (docs/identity.md, Keys). Each private key is
 * encrypted with a key of its own (the data key, AES-256-GCM, bound to the {@code kid}); the data key is stored
 * wrapped by a key-encryption key from the environment ({@code SIGNING_KEY_ENCRYPTION_KEYS}: {@code id:base64}
 * entries, AES-256; the first wraps, every one listed unwraps). Changing the key-encryption key re-wraps only the
 * small data keys ({@link #rewrap}); the private keys' ciphertext never changes. Neither the database alone nor the
 * environment alone gives a private key.
 */
final class KeyEncryption {

    /** The key the local defaults ship with: known to everyone, so a service given it says so at start-up. */
    static final String DEVELOPMENT_KEY_ID = "local-dev";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A private key as stored: its ciphertext, its data key wrapped, and which key-encryption key wrapped it. */
    record Sealed(String ciphertext, String wrappedDataKey, String kekId) {
    }

    private final String currentId;
    private final Map<String, SecretKey> keks;

    private KeyEncryption(String currentId, Map<String, SecretKey> keks) {
        this.currentId = currentId;
        this.keks = keks;
    }

    /** {@code id:base64[,id:base64…]}, the first entry current; each key 32 bytes (AES-256). */
    static KeyEncryption parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalStateException("SIGNING_KEY_ENCRYPTION_KEYS is not set: user-service needs at least one"
                    + " key-encryption key (id:base64 of 32 random bytes) to keep its signing keys encrypted");
        }
        Map<String, SecretKey> keks = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalStateException("SIGNING_KEY_ENCRYPTION_KEYS: an entry is not id:base64 (entries are"
                        + " comma-separated, the first one encrypts)");
            }
            String id = trimmed.substring(0, colon);
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("SIGNING_KEY_ENCRYPTION_KEYS: the key of " + id + " is not base64");
            }
            if (key.length != 32) {
                throw new IllegalStateException("SIGNING_KEY_ENCRYPTION_KEYS: the key of " + id + " has " + key.length
                        + " bytes, not 32 (AES-256)");
            }
            if (keks.putIfAbsent(id, new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalStateException("SIGNING_KEY_ENCRYPTION_KEYS: the id " + id + " is listed twice");
            }
        }
        return new KeyEncryption(keks.keySet().iterator().next(), Map.copyOf(keks));
    }

    String currentId() {
        return currentId;
    }

    boolean knows(String kekId) {
        return keks.containsKey(kekId);
    }

    /** Encrypts a private key under a new data key, wrapped by the current key-encryption key. */
    Sealed seal(String kid, byte[] privateKey) {
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        String ciphertext = encrypt(new SecretKeySpec(dataKey, "AES"), privateKey, dataAad(kid));
        return new Sealed(ciphertext, encrypt(keks.get(currentId), dataKey, wrapAad(kid, currentId)), currentId);
    }

    /** The private key back; fails if its key-encryption key is not configured or anything was altered. */
    byte[] open(String kid, Sealed sealed) {
        return decrypt(new SecretKeySpec(unwrap(kid, sealed), "AES"), sealed.ciphertext(), dataAad(kid));
    }

    /** The same private key with its data key wrapped by the current key-encryption key (ciphertext unchanged). */
    Sealed rewrap(String kid, Sealed sealed) {
        byte[] dataKey = unwrap(kid, sealed);
        return new Sealed(sealed.ciphertext(), encrypt(keks.get(currentId), dataKey, wrapAad(kid, currentId)), currentId);
    }

    private byte[] unwrap(String kid, Sealed sealed) {
        SecretKey kek = keks.get(sealed.kekId());
        if (kek == null) {
            throw new IllegalStateException("signing key " + kid + " is encrypted with key-encryption key '" + sealed.kekId()
                    + "', which SIGNING_KEY_ENCRYPTION_KEYS does not list (keep an old key listed until the start-up"
                    + " re-wrap has run)");
        }
        return decrypt(kek, sealed.wrappedDataKey(), wrapAad(kid, sealed.kekId()));
    }

    private static byte[] dataAad(String kid) {
        return ("waqup-signing-key:" + kid).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wrapAad(String kid, String kekId) {
        return ("waqup-signing-key-data-key:" + kid + ":" + kekId).getBytes(StandardCharsets.UTF_8);
    }

    private static String encrypt(SecretKey key, byte[] plaintext, byte[] aad) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a signing key", e);
        }
    }

    private static byte[] decrypt(SecretKey key, String encoded, byte[] aad) {
        try {
            byte[] in = Base64.getDecoder().decode(encoded);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a signing key does not decrypt (wrong key-encryption key, or altered)", e);
        }
    }
}
