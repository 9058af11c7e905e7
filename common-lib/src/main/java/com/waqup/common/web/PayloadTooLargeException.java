package com.waqup.common.web;

import java.io.IOException;

/**
 * Thrown by a request body's stream once more bytes arrived than {@link WebLimitsProperties#maxRequestSize()}: a
 * reader (Jackson, a String converter) fails with it, and the error handler answers 413 {@code PAYLOAD_TOO_LARGE}.
 */
public class PayloadTooLargeException extends IOException {

    private final long maxBytes;

    public PayloadTooLargeException(long maxBytes) {
        super("request body larger than " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The exception if {@code failure} was caused by one (readers wrap it), else null. */
    static PayloadTooLargeException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
