package com.waqup.common.correlation;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The correlation id that ties one user action together across the gateway, services, HTTP calls and
 * AMQP messages. Carried in the {@value #HEADER} header and kept in the logging MDC under {@value #MDC_KEY}.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlation_id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private CorrelationId() {
    }

    /** The id of the work in progress on this thread, or {@code null}. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }

    /** The incoming value when it is safe to log and echo, otherwise a fresh id. */
    public static String acceptOrGenerate(String incoming) {
        return incoming != null && SAFE.matcher(incoming).matches() ? incoming : generate();
    }

    public static String generate() {
        return UUID.randomUUID().toString();
    }
}
