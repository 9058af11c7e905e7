package com.waqup.common.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.waqup.common.correlation.CorrelationId;

/**
 * Every integration event on the {@value Events#EXCHANGE} exchange has this shape:
 * {@code {"event_id", "type", "occurred_at", "correlation_id", "data"}}. The routing key equals {@code type}.
 *
 * @param <T> the producer-owned payload record
 */
public record EventEnvelope<T>(UUID eventId, String type, Instant occurredAt, String correlationId, T data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
    }

    /** A new event for the work in progress on this thread (its correlation id, or a fresh one). */
    public static <T> EventEnvelope<T> of(String type, T data) {
        String correlation = CorrelationId.current();
        return new EventEnvelope<>(UUID.randomUUID(), type, Instant.now(),
                correlation != null ? correlation : CorrelationId.generate(), data);
    }
}
