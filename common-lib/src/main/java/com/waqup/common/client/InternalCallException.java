package com.waqup.common.client;

import java.util.Map;

/**
 * A call to another service's {@code /internal/**} endpoint that gave no usable answer: no connection, no answer in
 * time, or an error status, with the other service's error envelope decoded ({@link #code()}, {@link #details()}).
 * The message is ours ("credit answered 402 INSUFFICIENT_CREDITS") and never carries the response body; the other
 * service's own client-safe message is {@link #errorMessage()}.
 */
public final class InternalCallException extends RuntimeException {

    private final String service;
    private final int status;
    private final boolean timedOut;
    private final String code;
    private final String errorMessage;
    private final transient Map<String, Object> details;

    InternalCallException(String service, int status, boolean timedOut, String code, String errorMessage,
            Map<String, Object> details, String message, Throwable cause) {
        super(message, cause);
        this.service = service;
        this.status = status;
        this.timedOut = timedOut;
        this.code = code;
        this.errorMessage = errorMessage;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** The service called, by its name in {@code waqup.services}. */
    public String service() {
        return service;
    }

    /** The HTTP status the service answered, or 0 when it did not answer (no connection, timeout). */
    public int status() {
        return status;
    }

    /** The envelope's {@code error.code}, or {@code null} when the answer was not the envelope. */
    public String code() {
        return code;
    }

    /** The envelope's {@code error.message} (client-safe by the platform's rules), or {@code null}. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The envelope's {@code error.details}; empty when there were none. */
    public Map<String, Object> details() {
        return details;
    }

    /**
     * {@code true} when the service did not answer within the read timeout or the time left before the
     * {@link Deadline}, or when that deadline had passed before the call could be sent.
     */
    public boolean timedOut() {
        return timedOut;
    }

    /**
     * {@code true} when the same call may work later: the service could not be reached, did not answer in time, or
     * answered 5xx. {@code false} for a 4xx: it refused this request, and would refuse it again.
     */
    public boolean unavailable() {
        return status == 0 || status >= 500;
    }

    /**
     * {@code true} when sending the same request again may succeed soon: the service could not be reached (not a
     * timeout: it may still be working on it) or answered 502, 503 or 504. Used to retry idempotent calls only.
     */
    boolean retryable() {
        return (status == 0 && !timedOut) || status == 502 || status == 503 || status == 504;
    }

    /** {@code true} for this status and envelope code. */
    public boolean is(int status, String code) {
        return this.status == status && code.equals(this.code);
    }
}
