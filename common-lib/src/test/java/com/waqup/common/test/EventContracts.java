package com.waqup.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.EventValidation;
import com.waqup.common.inbox.Inbox;
import com.waqup.common.json.JsonConventions;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The events' wire contracts: one golden JSON per event type, {@code contracts/events/<type>.json} at the repository
 * root, the {@code data} of that event exactly as its producer sends it. The producer's test pins its records to it
 * ({@link #assertPublishes}); every consumer's test reads it into its own record ({@link #consume}), so a producer
 * that renames or drops a field a consumer needs breaks that consumer's build.
 */
public final class EventContracts {

    private static final JsonMapper JSON = JsonConventions.mapper();
    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    private EventContracts() {
    }

    /** The golden {@code data} of {@code type}. */
    public static JsonNode golden(String type) {
        Path file = RepositoryRoot.path().resolve("contracts/events").resolve(type + ".json");
        assertThat(file).as("the golden JSON of " + type).exists();
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Asserts that {@code data}, as the platform's JSON writes it, is the golden JSON of {@code type}, field for field. */
    public static void assertPublishes(String type, Object data) {
        JsonNode wire = JSON.readTree(JSON.writeValueAsString(data));
        assertThat(wire).as("%s as published", type).isEqualTo(golden(type));
    }

    /**
     * The golden event of {@code type} as a consumer receives it: in the envelope, read with the platform's JSON into
     * {@code EventEnvelope<data>}, and checked against the constraints of the consumer's record as
     * {@link Inbox#handleOnce} checks them (an {@code InvalidEventException} here means the consumer needs a field the
     * producer does not send).
     */
    public static <T> EventEnvelope<T> consume(String type, Class<T> data) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("event_id", UUID.randomUUID().toString());
        envelope.put("type", type);
        envelope.put("occurred_at", Instant.parse("2026-11-27T17:00:00Z").toString());
        envelope.put("correlation_id", "contract-test");
        envelope.set("data", golden(type));
        JavaType target = JSON.getTypeFactory().constructParametricType(EventEnvelope.class, data);
        EventEnvelope<T> event = JSON.readValue(JSON.writeValueAsString(envelope), target);
        EventValidation.valid(event, validator());
        return event;
    }

    static Validator validator() {
        return VALIDATION.getValidator();
    }
}
