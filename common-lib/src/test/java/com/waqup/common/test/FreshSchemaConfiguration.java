package com.waqup.common.test;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Each test context starts from an empty schema: Flyway cleans the service's schema in the test database
 * and migrates it again, so every run proves the migrations from scratch.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FreshSchemaConfiguration {

    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            flyway.clean();
            flyway.migrate();
        };
    }
}
