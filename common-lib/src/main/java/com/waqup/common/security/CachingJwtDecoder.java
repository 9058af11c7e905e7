package com.waqup.common.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens it has verified, so a client's requests (the same access token for its whole life) verify the
 * RS256 signature and parse the token once, not on every request: the signature check and the parse were ~15 % of a
 * service's CPU per cached library read (JFR, docs/performance.md). Every service's default decoder is wrapped in one
 * ({@link ServletSecurityAutoConfiguration}); the gateway's reactive decoder uses the same {@link VerifiedTokens}.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    /** Enough for every token active on one instance within an access token's life. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final JwtDecoder delegate;
    private final VerifiedTokens verified;

    public CachingJwtDecoder(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, int maxEntries) {
        this.delegate = delegate;
        this.verified = new VerifiedTokens(validator, maxEntries);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt remembered = verified.lookup(token);
        return remembered != null ? remembered : verified.remember(token, delegate.decode(token));
    }

    int size() {
        return verified.size();
    }

    /**
     * Tokens whose signature a verifier accepted. A remembered token is validated again on every use (expiry with the
     * usual skew, issuer, audience), so an expired token is refused exactly as before: the entry is dropped and the
     * verifier answers with its own error. The key is the whole token (compared in full, never only by a hash), so a
     * token is never confused with another. At most {@code maxEntries} tokens are kept; when full, the map is emptied
     * and fills again. A key withdrawn from the JWKS stops being accepted for new tokens at once and for remembered
     * ones when they expire (access tokens are short-lived); revocation (docs/privacy.md) is checked by the gateway
     * on every request, after this cache.
     */
    public static final class VerifiedTokens {

        private final OAuth2TokenValidator<Jwt> validator;
        private final int maxEntries;
        private final Map<String, Jwt> tokens = new ConcurrentHashMap<>();

        public VerifiedTokens(OAuth2TokenValidator<Jwt> validator, int maxEntries) {
            this.validator = validator;
            this.maxEntries = maxEntries;
        }

        /** The remembered token if it is still valid, else null (and it is forgotten). */
        public Jwt lookup(String token) {
            Jwt remembered = tokens.get(token);
            if (remembered == null) {
                return null;
            }
            if (!validator.validate(remembered).hasErrors()) {
                return remembered;
            }
            tokens.remove(token);
            return null;
        }

        /** Remembers a token the verifier has just accepted; returns it. */
        public Jwt remember(String token, Jwt jwt) {
            if (tokens.size() >= maxEntries) {
                tokens.clear();
            }
            tokens.put(token, jwt);
            return jwt;
        }

        public int size() {
            return tokens.size();
        }
    }
}
