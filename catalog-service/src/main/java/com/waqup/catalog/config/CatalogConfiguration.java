package com.waqup.catalog.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogProperties.class)
class CatalogConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Spring Security's own observations are switched off platform-wide ({@code management.observations.enable.spring
     * .security=false}); without this setting the filter chain is still wrapped per filter in observation decorators
     * that create no-op observations on every request (~3 % of a cached search's CPU, docs/catalog.md). Requests stay
     * observed as a whole (the HTTP server observation).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
