package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.waqup.common.test.Http;
import com.waqup.common.test.TestDatabase;
import com.waqup.common.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway in front of a service that is down (nothing listens on catalog-service's port) and one that hangs
 * (reward-service accepts connections and never answers), the others being {@link Downstreams}: each is a fast
 * envelope, never a hang, and a route whose service keeps failing opens its own circuit without touching the others.
 * Its own context: a 1 s response timeout and circuits that open after 4 requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
        "waqup.gateway.circuit-breaker.sliding-window=4",
        "waqup.gateway.circuit-breaker.minimum-calls=4",
        "waqup.gateway.circuit-breaker.open-for=60s",
        "waqup.gateway.rate-limits.free=100,200",
        "waqup.gateway.rate-limits.paid=100,200" })
class GatewayResilienceIT {

    static final Downstreams DOWNSTREAMS = GatewayITSupport.DOWNSTREAMS;
    static final int DEAD_PORT = Downstreams.unusedPort();
    static final Hanging HANGING = new Hanging();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        for (String service : Downstreams.SERVICES) {
            String url = switch (service) {
                case "catalog-service" -> "http://127.0.0.1:" + DEAD_PORT;
                case "reward-service" -> "http://127.0.0.1:" + HANGING.port();
                default -> DOWNSTREAMS.url(service);
            };
            registry.add("waqup.gateway.services." + service, () -> url);
        }
        registry.add("waqup.web.directory", GatewayITSupport.WEB_APP::toString);
        registry.add("waqup.web.media-upstream", () -> DOWNSTREAMS.url("audio-generation-service"));
        registry.add("waqup.security.jwks-uri", () -> TestTokens.shared().jwksUri());
        registry.add("spring.data.redis.database", () -> TestDatabase.REDIS_DATABASE);
    }

    @AfterAll
    static void stop() {
        HANGING.close();
    }

    @Test
    void shouldAnswerAServiceThatIsDownWithAFast503Envelope() {
        long started = System.nanoTime();
        Http.Response response = Http.get(url("/api/v1/catalog/packs"), as(user(), "X-Correlation-Id", "down-2"));

        assertThat(elapsed(started)).as("no hang: connection refused is immediate").isLessThan(Duration.ofSeconds(2));
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("5");
        JsonNode error = response.json().path("error");
        assertThat(error.path("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.path("trace_id").asString()).isEqualTo("down-2");
        assertThat(response.body()).doesNotContain("Connection refused", "Exception");
    }

    @Test
    void shouldAnswerAServiceThatHangsWithA504EnvelopeWithinTheRoutesResponseTimeout() {
        for (String method : List.of("GET", "POST")) {
            long started = System.nanoTime();
            Http.Response response = method.equals("GET")
                    ? Http.get(url("/api/v1/rewards/balance"), as(creator(), "X-Correlation-Id", "hang-" + method))
                    : Http.post(url("/api/v1/rewards/claims"), "{}", as(creator(), "X-Correlation-Id", "hang-" + method,
                            "Content-Type", "application/json"));

            assertThat(elapsed(started)).as("%s: the 1 s response timeout, not a hang (%s %s)", method, response.status(), response.body())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(4));
            assertThat(response.status()).as(response.body()).isEqualTo(504);
            JsonNode error = response.json().path("error");
            assertThat(error.path("code").asString()).isEqualTo("GATEWAY_TIMEOUT");
            assertThat(error.path("trace_id").asString()).isEqualTo("hang-" + method);
            assertThat(response.body()).doesNotContain("Exception", "timeout");
        }
    }

    @Test
    void shouldOpenTheCircuitOfARouteWhoseServiceKeepsFailingAndAnswerAtOnceWithoutCallingIt() {
        String admin = TestTokens.shared().user(UUID.randomUUID(), "user", "admin");
        for (int i = 0; i < 4; i++) {
            assertThat(Http.get(url("/api/v1/admin/rewards/grants"), as(admin)).status()).isEqualTo(504);
        }
        int accepted = HANGING.accepted();

        Http.Response open = Http.get(url("/api/v1/admin/rewards/grants"), as(admin, "X-Correlation-Id", "open-1"));

        assertThat(open.status()).as("an open circuit answers at once: 503, not the 504 of waiting for the service").isEqualTo(503);
        assertThat(open.json().path("error").path("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(open.json().path("error").path("trace_id").asString()).isEqualTo("open-1");
        assertThat(HANGING.accepted()).as("the failing service was not called").isEqualTo(accepted);

        Http.Response other = Http.get(url("/api/v1/credits/balance"), as(user()));
        assertThat(other.status()).as("every other route keeps its own circuit").isEqualTo(200);

        String metrics = Http.get("http://127.0.0.1:" + managementPort + "/actuator/prometheus").body();
        assertThat(metrics.lines().filter(l -> l.startsWith("resilience4j_circuitbreaker_state{")
                && l.contains("name=\"rewards-admin\"") && l.contains("state=\"open\"")))
                .as("the route's circuit is a meter operators can alert on").singleElement()
                .satisfies(line -> assertThat(line).matches(".* 1(\\.0)?$"));
    }

    @Test
    void shouldTellTheServiceWhenTheGatewayStopsWaitingAndNeverPassAClientsDeadlineOn() {
        String path = "/api/v1/credits/deadline-" + UUID.randomUUID();
        long before = System.currentTimeMillis();
        Http.Response response = Http.get(url(path), as(user(), "X-Request-Deadline", "1"));

        assertThat(response.status()).isEqualTo(200);
        Downstreams.Hit hit = DOWNSTREAMS.hitsOn(path).getFirst();
        assertThat(Long.parseLong(hit.deadline())).as("now plus the route's 1 s response timeout, not the client's value")
                .isBetween(before + 900, System.currentTimeMillis() + 1_000);
    }

    @Test
    void shouldNotServeTheFallbackToAClientThatAsksForIt() {
        Http.Response response = Http.get(url("/gateway-fallback/unavailable"), as(user()));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").path("code").asString()).isEqualTo("NOT_FOUND");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String user() {
        return TestTokens.shared().user(UUID.randomUUID());
    }

    /** Rewards are for creators (the edge refuses anyone else with 403 before routing). */
    private static String creator() {
        return TestTokens.shared().user(UUID.randomUUID(), "user", "creator");
    }

    private static String[] as(String token, String... more) {
        return GatewayITSupport.as(token, more);
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** A service that accepts every connection and never answers. */
    static final class Hanging implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final AtomicInteger accepted = new AtomicInteger();

        Hanging() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread.ofPlatform().daemon().name("hanging-service").start(() -> {
                while (!server.isClosed()) {
                    try {
                        open.add(server.accept());
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        /** Connections accepted so far (the gateway reuses none: nothing ever answered on them). */
        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
            for (Socket socket : open) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }
}
