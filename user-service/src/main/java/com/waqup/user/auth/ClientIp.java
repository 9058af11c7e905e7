package com.waqup.user.auth;

import java.util.List;

import com.waqup.user.config.IdentityProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The caller's address, as the login throttle keys it. The gateway sends every request with exactly one
 * {@code X-Forwarded-For} entry, the client it established (its TCP peer, or the entry its trusted proxy hop wrote);
 * that entry is believed only when the request comes from a trusted proxy ({@code waqup.identity.trusted-proxies}:
 * the gateway's addresses, by default this machine's loopback {@code 127.0.0.1}). From anyone else, or without a
 * well-formed entry, the TCP peer is the client, so no caller can pick the address it is throttled under.
 */
@Component
class ClientIp {

    private final List<IpAddressMatcher> trusted;

    ClientIp(IdentityProperties properties) {
        this.trusted = properties.trustedProxies().stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(IpAddressMatcher::new).toList();
    }

    String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trusts(peer)) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                String last = hops[hops.length - 1].trim();
                if (isAddress(last)) {
                    return last;
                }
            }
        }
        return peer;
    }

    private boolean trusts(String peer) {
        if (peer == null || !isAddress(peer)) {
            return false;
        }
        for (IpAddressMatcher matcher : trusted) {
            if (matcher.matches(peer)) {
                return true;
            }
        }
        return false;
    }

    /** An IPv4 or IPv6 literal, never a host name (which a matcher would look up) or arbitrary text for a Redis key. */
    static boolean isAddress(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return false;
        }
        boolean colon = false;
        boolean dot = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (c == '.') {
                dot = true;
            } else if (Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return colon || (dot && s.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
    }
}
