package com.waqup.common.migration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The messaging tables every service's schema has, defined once: the outbox ({@code event_publication}, Spring
 * Modulith's event publication registry) and the inbox ({@code processed_event}), migration {@code V1} in
 * {@value #LOCATION}. Every service that runs Flyway migrates it before its own migrations, which start at
 * {@code V2} in {@code db/migration}.
 */
@AutoConfiguration
@ConditionalOnClass({ Flyway.class, FlywayConfigurationCustomizer.class })
public class MessagingMigrationAutoConfiguration {

    /** Where the messaging migration lives (in common-lib's jar). */
    public static final String LOCATION = "classpath:db/messaging";

    @Bean
    FlywayConfigurationCustomizer messagingMigration() {
        return MessagingMigrationAutoConfiguration::addMessagingLocation;
    }

    /** Adds {@value #LOCATION} to the locations Flyway scans, once. */
    public static void addMessagingLocation(FluentConfiguration configuration) {
        List<String> locations = new ArrayList<>(Arrays.stream(configuration.getLocations()).map(Location::getDescriptor).toList());
        if (!locations.contains(LOCATION)) {
            locations.add(LOCATION);
            configuration.locations(locations.toArray(String[]::new));
        }
    }
}
