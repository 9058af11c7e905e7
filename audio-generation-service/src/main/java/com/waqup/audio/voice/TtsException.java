package com.waqup.audio.voice;

/**
 * A synthesis that failed. {@code retryable}: the same call may work later (timeout, connection, 429, 5xx);
 * otherwise (401, 400, unknown voice, a tool that rejects the input) repeating it is pointless. The message is
 * safe to publish (no key, no vendor body).
 */
public class TtsException extends Exception {

    private final boolean retryable;
    private final int status;

    public TtsException(String message, boolean retryable, int status, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.status = status;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The vendor's HTTP status, 0 when there was none. */
    public int status() {
        return status;
    }
}
