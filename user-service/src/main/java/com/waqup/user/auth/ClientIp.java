package com.waqup.user.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The caller's IP. Behind the gateway (the only way in), the gateway appends the client's address as the
 * last {@code X-Forwarded-For} entry; earlier entries come from the client and are not trusted.
 */
final class ClientIp {

    private ClientIp() {
    }

    static String of(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            String last = hops[hops.length - 1].trim();
            if (!last.isEmpty() && last.length() <= 45) {
                return last;
            }
        }
        return request.getRemoteAddr();
    }
}
