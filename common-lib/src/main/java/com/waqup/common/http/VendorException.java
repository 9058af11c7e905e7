package com.waqup.common.http;

import java.util.Locale;

/**
 * A call to an outside vendor (an LLM, a TTS engine) that did not give a usable answer, with why ({@link Reason}) and
 * whether the same call may work the next time. The message is ours ("elevenlabs answered HTTP 401") and never
 * contains the vendor's response body (an error body can quote part of the API key or the person's text), so it is
 * safe to log and to publish.
 */
public final class VendorException extends RuntimeException {

    public enum Reason {
        /** connect or read timeout */
        TIMEOUT(true),
        /** the connection failed otherwise */
        IO(true),
        /** 429 */
        RATE_LIMITED(true),
        /** 5xx (Anthropic's 529 "overloaded" included) */
        SERVER_ERROR(true),
        /** a 2xx without a body where bytes (audio) were expected */
        EMPTY(true),
        /** any other 4xx: our request, our key or our quota is wrong; the same call would fail again */
        CLIENT_ERROR(false),
        /** the call failed in a way nothing suggests another attempt would fix */
        FAILED(false),
        /** the model refused, was cut off, or its answer is not the JSON object we asked for */
        MALFORMED(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        /** The reason as a metrics tag value. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final int status;

    public VendorException(Reason reason, int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
        this.status = status;
    }

    public static VendorException malformed(String message) {
        return new VendorException(Reason.MALFORMED, 0, message, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status the vendor answered, or 0 when there was no HTTP answer. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return reason.retryable;
    }
}
