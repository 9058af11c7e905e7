package com.waqup.common.json;

import java.util.TimeZone;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's JSON, in one place: snake_case names, ISO-8601 timestamps in UTC, fields a reader does not know
 * are ignored (an event or an answer may grow; a consumer reads only the fields its record names), and only text
 * PostgreSQL can store is read into a {@code String} ({@link StorableTextModule}). Every service's
 * {@code JsonMapper} (HTTP bodies, AMQP messages) is built with it; tests use {@link #mapper()}.
 */
public final class JsonConventions {

    private JsonConventions() {
    }

    public static JsonMapper.Builder apply(JsonMapper.Builder builder) {
        return builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .defaultTimeZone(TimeZone.getTimeZone("UTC"))
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(new StorableTextModule());
    }

    /** A mapper with the platform's conventions (what a service's own mapper does with them). */
    public static JsonMapper mapper() {
        return apply(JsonMapper.builder()).build();
    }
}
