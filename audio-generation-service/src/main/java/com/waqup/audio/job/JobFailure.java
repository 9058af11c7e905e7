package com.waqup.audio.job;

/**
 * Why an attempt failed, with the contract's code and a reason safe to publish. {@code retryable}: another attempt
 * may succeed (vendor 429/5xx/timeouts, the object store unreachable); otherwise the job is given up at once.
 */
class JobFailure extends Exception {

    static final String TTS_FAILED = "TTS_FAILED";
    static final String MIX_FAILED = "MIX_FAILED";
    static final String STORAGE_FAILED = "STORAGE_FAILED";
    static final String INVALID_REQUEST = "INVALID_REQUEST";

    private final String code;
    private final boolean retryable;

    JobFailure(String code, String reason, boolean retryable, Throwable cause) {
        super(reason, cause);
        this.code = code;
        this.retryable = retryable;
    }

    String code() {
        return code;
    }

    boolean retryable() {
        return retryable;
    }
}
