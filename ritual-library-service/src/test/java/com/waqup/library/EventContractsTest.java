package com.waqup.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.TimeZone;
import java.util.UUID;

import com.waqup.library.practice.PracticeCompleted;
import com.waqup.common.privacy.UserDeleted;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** Golden JSON: the wire shape of every event this service publishes (docs/events.md). */
class EventContractsTest {

    /** The platform's JSON conventions (common-lib JsonAutoConfiguration). */
    static final JsonMapper PLATFORM = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultTimeZone(TimeZone.getTimeZone("UTC")).disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    static JsonNode golden(String type) throws IOException {
        try (InputStream in = EventContractsTest.class.getResourceAsStream("/events/" + type + ".json")) {
            return PLATFORM.readTree(in);
        }
    }

    static final UUID USER = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

    @Test
    void shouldSerializePracticeCompletedExactlyAsTheGoldenJson() throws IOException {
        PracticeCompleted event = new PracticeCompleted(UUID.fromString("7d9f8a52-2f4b-4f7e-9d55-0b6f1d2c3a41"), USER,
                UUID.fromString("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"), "guided_meditation",
                Instant.parse("2026-11-27T17:00:00Z"), Instant.parse("2026-11-27T17:10:00Z"), 600, null);
        assertThat((Object) PLATFORM.readTree(PLATFORM.writeValueAsString(event))).isEqualTo((Object) golden(PracticeCompleted.TYPE));
    }

    @Test
    void shouldSerializeUserDeletedExactlyAsTheGoldenJson() throws IOException {
        UserDeleted event = new UserDeleted(USER, "ritual-library",
                Instant.parse("2026-11-27T18:00:00Z"), 12, 3);
        assertThat((Object) PLATFORM.readTree(PLATFORM.writeValueAsString(event))).isEqualTo((Object) golden(UserDeleted.TYPE_PREFIX + "ritual-library"));
    }
}
