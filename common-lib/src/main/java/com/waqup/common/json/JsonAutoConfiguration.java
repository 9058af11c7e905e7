package com.waqup.common.json;

import java.util.TimeZone;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;

/**
 * The platform's JSON: snake_case names, ISO-8601 timestamps in UTC. Applies to HTTP bodies and, through the
 * shared {@code JsonMapper}, to AMQP messages.
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
public class JsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer waqupJsonConventions() {
        return builder -> builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .defaultTimeZone(TimeZone.getTimeZone("UTC"))
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
