package com.waqup.common.error;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client caused or must know about, thrown by domain code: its {@link ErrorKind}, the seed's error
 * code ({@code CONTENT_NOT_FOUND}) and a client-safe message, optionally details. Domain code never names an HTTP
 * status; common-lib's web edge maps the kind to one and renders the error envelope. The message is shown to the
 * client, so it must never contain secrets or internal details. Services may subclass it for failures they catch
 * by type.
 */
public class DomainException extends RuntimeException {

    private final ErrorKind kind;
    private final String code;
    private final transient Map<String, Object> details;
    private Duration retryAfter;
    private String challenge;

    public DomainException(ErrorKind kind, String code, String message) {
        this(kind, code, message, Map.of());
    }

    public DomainException(ErrorKind kind, String code, String message, Map<String, Object> details) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** When the same request may succeed again (a rate limit, a dependency that is down), or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** How the caller should authenticate instead (an {@code UNAUTHENTICATED} failure's scheme), or {@code null}. */
    public String challenge() {
        return challenge;
    }

    /** Tells the client to try again after {@code wait} ({@code Retry-After} in HTTP). */
    public DomainException retryAfter(Duration wait) {
        this.retryAfter = wait;
        return this;
    }

    /** The authentication scheme the client must use ({@code WWW-Authenticate} in HTTP). */
    public DomainException challenge(String scheme) {
        this.challenge = scheme;
        return this;
    }

    /** A field of the request breaks a rule: {@code VALIDATION_FAILED} with {@code details.fields.<field>}. */
    public static DomainException invalidField(String field, String problem) {
        return invalidFields(Map.of(field, problem));
    }

    /** Fields of the request break rules: {@code VALIDATION_FAILED} with {@code details.fields}. */
    public static DomainException invalidFields(Map<String, ?> fields) {
        return new DomainException(ErrorKind.INVALID, ErrorCodes.VALIDATION_FAILED, "The request has invalid fields",
                Map.of("fields", Collections.unmodifiableMap(new LinkedHashMap<>(fields))));
    }

    public static DomainException invalid(String code, String message, Map<String, Object> details) {
        return new DomainException(ErrorKind.INVALID, code, message, details);
    }

    public static DomainException notFound(String code, String message) {
        return new DomainException(ErrorKind.NOT_FOUND, code, message);
    }

    public static DomainException conflict(String code, String message) {
        return new DomainException(ErrorKind.CONFLICT, code, message);
    }

    public static DomainException unauthenticated(String code, String message) {
        return new DomainException(ErrorKind.UNAUTHENTICATED, code, message);
    }

    public static DomainException insufficientFunds(String code, String message, Map<String, Object> details) {
        return new DomainException(ErrorKind.INSUFFICIENT_FUNDS, code, message, details);
    }

    public static DomainException unavailable(String code, String message) {
        return new DomainException(ErrorKind.UNAVAILABLE, code, message);
    }

    public static DomainException upstreamFailed(String code, String message) {
        return new DomainException(ErrorKind.UPSTREAM_FAILED, code, message);
    }
}
