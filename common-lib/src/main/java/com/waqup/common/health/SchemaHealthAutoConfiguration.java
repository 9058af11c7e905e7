package com.waqup.common.health;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** Registers the {@code schema} health component for services whose schema Flyway owns. */
@AutoConfiguration(after = FlywayAutoConfiguration.class)
@ConditionalOnClass({ Flyway.class, HealthIndicator.class })
@ConditionalOnBean({ Flyway.class, DataSource.class })
public class SchemaHealthAutoConfiguration {

    @Bean(name = "schemaHealthIndicator")
    SchemaHealthIndicator schemaHealthIndicator(DataSource dataSource, Flyway flyway) {
        String schema = flyway.getConfiguration().getDefaultSchema();
        if (schema == null && flyway.getConfiguration().getSchemas().length > 0) {
            schema = flyway.getConfiguration().getSchemas()[0];
        }
        return new SchemaHealthIndicator(dataSource, schema == null ? "public" : schema);
    }
}
