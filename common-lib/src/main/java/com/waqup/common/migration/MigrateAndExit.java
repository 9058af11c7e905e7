package com.waqup.common.migration;

import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Migrates the service's schema with Flyway, then exits: what the Helm chart's pre-install/pre-upgrade Job runs in the
 * service's own image, so that a release's pods, which start with {@code spring.flyway.enabled=false}, find their
 * schema migrated before any of them starts (docs/deployment.md, "Schema migrations").
 * <p>
 * Only the DataSource and Flyway (with the messaging location) start: no web server, no listeners, no outbox relay.
 * The service's {@code application.yml} and environment configure them exactly as they configure the service
 * ({@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD}, {@code spring.flyway.*}); Flyway is on whatever the
 * environment says. In the image: {@code java -cp 'BOOT-INF/classes:BOOT-INF/lib/*' com.waqup.common.migration.MigrateAndExit}.
 * A failed migration ends the JVM with a non-zero status (the Job fails, and so does the upgrade).
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
        MessagingMigrationAutoConfiguration.class })
public class MigrateAndExit {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(run(args)));
    }

    /** Migrates and returns the (still open) context; arguments are Spring Boot's ({@code --name=value}). */
    public static ConfigurableApplicationContext run(String... args) {
        SpringApplication application = new SpringApplication(MigrateAndExit.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        String[] arguments = Stream.concat(Stream.of("--spring.flyway.enabled=true"), Arrays.stream(args))
                .toArray(String[]::new);
        return application.run(arguments);
    }
}
