package com.waqup.common.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * How an erased person is remembered (docs/privacy.md): {@code sha256("user:" + id)} as lower-case hex, so a service
 * can recognize the id again (a request still in flight during the erasure) without keeping it. Every service that
 * keeps a tombstone, and user-service's erasure receipt, use this one hash.
 */
public final class ErasedUsers {

    private ErasedUsers() {
    }

    public static String hash(UUID userId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("user:" + userId).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
