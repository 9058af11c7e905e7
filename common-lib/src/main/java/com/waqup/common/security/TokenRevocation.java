package com.waqup.common.security;

/**
 * The revocation marker user-service writes when an account is erased and the gateway reads on every routed request
 * (docs/privacy.md): Redis key {@code auth:revoked:{sub}} = the epoch second up to which every access token of that
 * subject is refused (compared with the token's {@code iat}). One definition, so writer and reader cannot drift apart.
 */
public final class TokenRevocation {

    public static final String KEY_PREFIX = "auth:revoked:";

    private TokenRevocation() {
    }

    /** The marker's key for a token subject (a user id). */
    public static String key(Object subject) {
        return KEY_PREFIX + subject;
    }
}
