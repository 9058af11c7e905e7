package com.waqup.common.error;

import java.util.Map;

/**
 * The seed's error shape: {@code {"error": {"code", "message", "details", "trace_id"}}}.
 * Serialized snake_case by the shared JSON configuration.
 */
public record ErrorEnvelope(Body error) {

    public record Body(String code, String message, Map<String, Object> details, String traceId) {
    }

    public static ErrorEnvelope of(String code, String message, Map<String, Object> details, String traceId) {
        return new ErrorEnvelope(new Body(code, message, details == null ? Map.of() : details, traceId));
    }
}
