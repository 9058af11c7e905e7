package com.waqup.gateway;

import java.util.Map;

import com.waqup.common.test.ServiceProcess;
import com.waqup.common.test.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Journeys as a client lives them: this gateway in front of the real services, each started from its built jar
 * as its own JVM (once per test run, stopped when the JVM exits), with real RS256 tokens from user-service's
 * keys and the real PostgreSQL, Redis and RabbitMQ (test database, vhost and Redis database). Every flow IT
 * extends this and adds no configuration, so they share one gateway context and one set of services.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "waqup.gateway.rate-limits.free=10,30", "waqup.gateway.rate-limits.anonymous=50,100" })
abstract class FlowITSupport {

    static final ServiceProcess USERS = ServiceProcess.start("user-service", ServiceProcess.freePort(), Map.of());
    static final ServiceProcess CREDITS = ServiceProcess.start("credit-service", ServiceProcess.freePort(),
            Map.of("JWKS_URI", USERS.url("/.well-known/jwks.json"), "SERVICE_TOKEN_URI", USERS.url("/service-auth/token")));
    static final ServiceProcess GENERATION = ServiceProcess.start("content-generation-service", ServiceProcess.freePort(),
            Map.of("JWKS_URI", USERS.url("/.well-known/jwks.json"), "SERVICE_TOKEN_URI", USERS.url("/service-auth/token"),
                    "CREDIT_SERVICE_URL", CREDITS.url("")));
    static final ServiceProcess CONVERSATION = ServiceProcess.start("conversation-service", ServiceProcess.freePort(),
            Map.of("JWKS_URI", USERS.url("/.well-known/jwks.json"), "SERVICE_TOKEN_URI", USERS.url("/service-auth/token"),
                    "USER_SERVICE_URL", USERS.url(""), "CREDIT_SERVICE_URL", CREDITS.url(""),
                    "CONTENT_GENERATION_SERVICE_URL", GENERATION.url("")));

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            CONVERSATION.close();
            GENERATION.close();
            CREDITS.close();
            USERS.close();
        }));
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("waqup.gateway.services.user-service", () -> USERS.url(""));
        registry.add("waqup.gateway.services.credit-service", () -> CREDITS.url(""));
        registry.add("waqup.gateway.services.content-generation-service", () -> GENERATION.url(""));
        registry.add("waqup.gateway.services.conversation-service", () -> CONVERSATION.url(""));
        registry.add("waqup.security.jwks-uri", () -> USERS.url("/.well-known/jwks.json"));
        registry.add("spring.data.redis.database", () -> TestDatabase.REDIS_DATABASE);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Registers a new person through the gateway; returns their access token. */
    String register(String prefix) {
        com.waqup.common.test.Http.Response r = com.waqup.common.test.Http.post(url("/api/v1/auth/register"), json("email",
                prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com", "password",
                "juniper-lantern-" + java.util.UUID.randomUUID().toString().substring(0, 4)), "Content-Type", "application/json");
        if (r.status() != 201) {
            throw new IllegalStateException("registration failed: " + r.body());
        }
        return r.json().path("token").asString();
    }

    static String json(String... pairs) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            out.append(i == 0 ? "" : ",").append('"').append(pairs[i]).append("\":\"").append(pairs[i + 1]).append('"');
        }
        return out.append('}').toString();
    }
}
