package com.waqup.common.test;

import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one test configuration of a service module: the real application on a random port against the real
 * local infrastructure (PostgreSQL database {@code waqup_test} with the schema migrated from scratch,
 * Redis, RabbitMQ, Elasticsearch and S3 where used), tokens from {@link TestTokens}. Every IT of a module
 * extends this (directly or through {@link ServiceContractIT}) and adds no configuration of its own, so
 * they all share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ FreshSchemaConfiguration.class, FreshQueuesConfiguration.class })
public abstract class ServiceITSupport {

    @LocalServerPort
    protected int port;

    /** Actuator's own port (probes, Prometheus, info): never the API's. */
    @LocalManagementPort
    protected int managementPort;

    @DynamicPropertySource
    static void realTestInfrastructure(DynamicPropertyRegistry registry) {
        TestDatabase.ensure();
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.flyway.clean-disabled", () -> "false");
        registry.add("waqup.security.jwks-uri", () -> TestTokens.shared().jwksUri());
        registry.add("waqup.security.service-client.token-uri", () -> TestTokens.shared().serviceTokenUri());
        registry.add("spring.rabbitmq.virtual-host", () -> TestDatabase.RABBIT_VHOST);
        registry.add("spring.data.redis.database", () -> TestDatabase.REDIS_DATABASE);
        registry.add("waqup.s3.bucket", () -> TestDatabase.S3_BUCKET);
        registry.add("waqup.s3.create-bucket", () -> "true");
        // backlog gauges (outbox, queue and dead-letter depths) read every second, so a test sees a change at once
        registry.add("waqup.metrics.backlog-refresh-interval", () -> "1s");
    }

    /** A valid user token for a random person. */
    protected static String userToken() {
        return TestTokens.shared().user(UUID.randomUUID());
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    protected String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }
}
