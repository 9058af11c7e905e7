package com.waqup.common.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses a person's token issued at or before their revocation marker ({@link TokenRevocation}: user-service writes
 * it when an account is erased), so a service called directly refuses it as the gateway does. It runs with the other
 * validators on every use of a token (also a remembered one, {@link CachingJwtDecoder}).
 * <p>
 * Cheap: a subject's marker (or its absence) is remembered for {@code cacheFor} (5 s by default), so a person's
 * requests cost one Redis read per service instance per few seconds, and a revoked token stops working at a service
 * at most that long after the erasure. Up to 10,000 subjects are remembered (the map is emptied when full). Without
 * Redis, or while it does not answer, tokens are not refused for this reason (fail-open, as at the gateway): after a
 * failed read the marker is not asked again for {@code cacheFor}, so an outage does not slow every request down.
 * Service tokens (subject {@code service:…}) have no marker and are not looked up.
 */
public final class RevokedTokenValidator implements OAuth2TokenValidator<Jwt> {

    private static final Logger log = LoggerFactory.getLogger(RevokedTokenValidator.class);
    private static final int MAX_ENTRIES = 10_000;
    private static final OAuth2Error REVOKED = new OAuth2Error("invalid_token", "The access token was revoked", null);

    /** Reads a marker: the epoch second it revokes up to, or null without one; throws when the store cannot answer. */
    public interface MarkerStore extends Function<String, Long> {
    }

    private record Entry(long revokedUpTo, long expiresAtNanos) {
    }

    private final MarkerStore store;
    private final long cacheForNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> markers = new ConcurrentHashMap<>();
    /** nanoTime until which the store is not asked (after a failed read); 0: ask it. */
    private final AtomicLong unavailableUntil = new AtomicLong();

    public RevokedTokenValidator(MarkerStore store, Duration cacheFor) {
        this(store, cacheFor, System::nanoTime);
    }

    RevokedTokenValidator(MarkerStore store, Duration cacheFor, LongSupplier nanoTime) {
        this.store = store;
        this.cacheForNanos = cacheFor.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null || subject.startsWith("service:")) {
            return OAuth2TokenValidatorResult.success();
        }
        long revokedUpTo = revokedUpTo(subject);
        if (revokedUpTo < 0) {
            return OAuth2TokenValidatorResult.success();
        }
        Instant issued = jwt.getIssuedAt();
        boolean revoked = issued == null || issued.getEpochSecond() <= revokedUpTo;
        return revoked ? OAuth2TokenValidatorResult.failure(REVOKED) : OAuth2TokenValidatorResult.success();
    }

    /** The subject's marker, -1 without one (or when it cannot be read). */
    private long revokedUpTo(String subject) {
        long now = nanoTime.getAsLong();
        Entry entry = markers.get(subject);
        if (entry != null && now - entry.expiresAtNanos() < 0) {
            return entry.revokedUpTo();
        }
        long until = unavailableUntil.get();
        if (until != 0 && now - until < 0) {
            return -1;
        }
        long value;
        try {
            Long marker = store.apply(TokenRevocation.key(subject));
            value = marker == null ? -1 : marker;
        } catch (RuntimeException e) {
            unavailableUntil.set(now + cacheForNanos);
            log.warn("revocation markers unreadable, tokens not checked against them for {} ms (fail-open): {}",
                    cacheForNanos / 1_000_000, e.toString());
            return -1;
        }
        if (markers.size() >= MAX_ENTRIES) {
            markers.clear();
        }
        markers.put(subject, new Entry(value, now + cacheForNanos));
        return value;
    }
}
