package com.waqup.common.error;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure that the client caused or must know about, carrying the seed's error code.
 * Services throw subclasses (or this) and common-lib renders the error envelope with the given status.
 * The message is shown to the client, so it must never contain secrets or internal details.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient Map<String, Object> details;
    private final transient Map<String, String> headers = new java.util.LinkedHashMap<>();

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(HttpStatus status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** Response headers that belong to this error (e.g. {@code Retry-After} on a 429). */
    public Map<String, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, code, message);
    }

    public static ApiException badRequest(String code, String message, Map<String, Object> details) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message, details);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, message);
    }
}
