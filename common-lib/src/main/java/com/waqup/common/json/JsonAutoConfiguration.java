package com.waqup.common.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The platform's JSON ({@link JsonConventions}) for HTTP bodies and, through the shared {@code JsonMapper}, AMQP
 * messages.
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
public class JsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer waqupJsonConventions() {
        return JsonConventions::apply;
    }
}
