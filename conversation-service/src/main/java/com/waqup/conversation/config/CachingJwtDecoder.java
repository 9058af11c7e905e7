package com.waqup.conversation.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens it has verified, so the turns of a conversation (the same access token, every few seconds)
 * verify the RS256 signature and parse the token once, not on every request.
 * <p>
 * A remembered token is validated again on every use (expiry with the usual skew, issuer, audience), so an
 * expired token is refused exactly as before; the entry is then dropped and the delegate answers with its own
 * error. The key is the whole token (compared in full, never only by a hash), so a token is never confused with
 * another. At most {@code maxEntries} tokens are kept; when full, the cache is emptied and fills again. A key
 * withdrawn from the JWKS stops being accepted for new tokens at once and for remembered ones when they expire
 * (access tokens are short-lived).
 */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final int maxEntries;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    CachingJwtDecoder(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, int maxEntries) {
        this.delegate = delegate;
        this.validator = validator;
        this.maxEntries = maxEntries;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt remembered = verified.get(token);
        if (remembered != null) {
            if (!validator.validate(remembered).hasErrors()) {
                return remembered;
            }
            verified.remove(token);
        }
        Jwt jwt = delegate.decode(token);
        if (verified.size() >= maxEntries) {
            verified.clear();
        }
        verified.put(token, jwt);
        return jwt;
    }

    int size() {
        return verified.size();
    }
}
