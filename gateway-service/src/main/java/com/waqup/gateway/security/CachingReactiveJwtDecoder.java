package com.waqup.gateway.security;

import com.waqup.common.security.CachingJwtDecoder.VerifiedTokens;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The gateway's verifier behind common-lib's cache of verified tokens: a token's RS256 signature is checked and the
 * token parsed once, and a remembered token is validated again (expiry, issuer, audience) on every use. Revocation
 * is checked on every routed request by {@code TieredRateLimitFilter}, whatever this cache holds.
 */
final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final VerifiedTokens verified;

    CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, VerifiedTokens verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt remembered = verified.lookup(token);
        return remembered != null ? Mono.just(remembered) : delegate.decode(token).map(jwt -> verified.remember(token, jwt));
    }
}
