package com.waqup.common.error;

/**
 * What went wrong, in the domain's words. Domain code says which kind a failure is ({@link DomainException});
 * common-lib's web edge turns each kind into one HTTP status ({@code com.waqup.common.web.ErrorStatus}), so no
 * service decides statuses on its own.
 */
public enum ErrorKind {
    /** The request breaks a rule (a field out of range, an unknown value): 400. */
    INVALID,
    /** The caller could not be recognized (wrong password, a refresh token that is not valid): 401. */
    UNAUTHENTICATED,
    /** The caller is known but may not do this: 403. */
    FORBIDDEN,
    /** No such thing, or it belongs to someone else: 404. */
    NOT_FOUND,
    /** Not possible in the current state (already released, a name taken, a repeated key with other values): 409. */
    CONFLICT,
    /** Not enough credits or funds for this: 402. */
    INSUFFICIENT_FUNDS,
    /** Too many attempts; {@link DomainException#retryAfter()} says when to try again: 429. */
    RATE_LIMITED,
    /** Something this needs is out of reach for now; the same request may work later: 503. */
    UNAVAILABLE,
    /** Something this needs answered in a way that cannot be used (a bug or a misconfiguration there): 502. */
    UPSTREAM_FAILED
}
