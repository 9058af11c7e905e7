package com.waqup.common.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import com.waqup.common.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The migration Job's entry point against the real test database: it migrates a service's schema (messaging V1 plus
 * the service's own migrations) even when the pods' environment turns Flyway off, and starts nothing else.
 */
class MigrateAndExitIT {

    static final String SCHEMA = "common_migrate_and_exit";

    @Test
    void shouldMigrateTheSchemaAndStartNothingButTheDataSourceAndFlyway() throws Exception {
        TestDatabase.ensure();
        Flyway.configure().dataSource(TestDatabase.url(), "postgres", "").schemas(SCHEMA).cleanDisabled(false).load().clean();

        // what the chart gives the pods (SPRING_FLYWAY_ENABLED=false, here as a system property): the Job migrates anyway
        System.setProperty("spring.flyway.enabled", "false");
        try (ConfigurableApplicationContext context = MigrateAndExit.run(
                "--spring.datasource.url=" + TestDatabase.url(), "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--spring.flyway.schemas=" + SCHEMA,
                "--spring.flyway.default-schema=" + SCHEMA, "--spring.flyway.create-schemas=true",
                "--spring.flyway.locations=classpath:db/migrate-and-exit-it")) {
            assertThat(context.getBeanNamesForType(Flyway.class)).hasSize(1);
            assertThat(context.getBeanDefinitionNames())
                    .noneMatch(name -> name.matches("(?i).*(rabbit|redis|servlet|tomcat|webServer|outbox|listenerContainer|modulith).*"));
        } finally {
            System.clearProperty("spring.flyway.enabled");
        }

        assertThat(versions()).containsExactly("1", "2");
    }

    private static List<String> versions() throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement("select version from " + SCHEMA
                        + ".flyway_schema_history where success and version is not null order by installed_rank")) {
            List<String> versions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
            return versions;
        }
    }
}
