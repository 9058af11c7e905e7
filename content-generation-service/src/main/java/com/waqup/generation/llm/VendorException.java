package com.waqup.generation.llm;

/** A vendor call that failed; {@code retryable} for timeouts, broken connections, 429 and 5xx. No body, no key. */
class VendorException extends RuntimeException {

    private final boolean retryable;

    VendorException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    boolean retryable() {
        return retryable;
    }
}
