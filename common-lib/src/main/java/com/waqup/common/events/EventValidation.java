package com.waqup.common.events;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * A consumer's check of an event's data against the constraints of its own record ({@code @NotNull UUID userId}):
 * what the consumer needs and the producer must send. An event that breaks them is an {@link InvalidEventException}
 * (poison: to the dead-letter queue at once).
 */
public final class EventValidation {

    private EventValidation() {
    }

    /** The event's data when it is there and satisfies its record's constraints; the message names fields, never values. */
    public static <T> T valid(EventEnvelope<T> event, Validator validator) {
        T data = event.data();
        if (data == null) {
            throw new InvalidEventException(event.type() + " " + event.eventId() + " has no data");
        }
        if (validator != null) {
            Set<ConstraintViolation<T>> violations = validator.validate(data);
            if (!violations.isEmpty()) {
                throw new InvalidEventException(event.type() + " " + event.eventId() + ": " + violations.stream()
                        .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining(", ")));
            }
        }
        return data;
    }
}
