package com.waqup.common.security;

import java.util.Locale;

/** The roles a token can carry (claim {@code roles}), and the Spring authorities they become. */
public final class Roles {

    public static final String USER = "user";
    public static final String CREATOR = "creator";
    public static final String ADMIN = "admin";
    /** Only in service tokens (audience {@code waqup-internal}). */
    public static final String SERVICE = "service";

    private Roles() {
    }

    public static String authority(String role) {
        return "ROLE_" + role.toUpperCase(Locale.ROOT);
    }
}
