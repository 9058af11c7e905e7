package com.waqup.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.waqup.common.test.TcpProxy;
import com.waqup.common.test.TestDatabase;
import com.waqup.common.test.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in front of real downstream servers ({@link Downstreams}), verifying real RS256 tokens from a
 * JWKS endpoint ({@link TestTokens}) and rate limiting on the real local Redis, reached through a TCP proxy
 * so a test can take Redis away. Small limits make them observable: free 1/s burst 3, paid 50/s burst 100,
 * anonymous (per client IP, one trusted proxy hop) 1/s burst 3. All gateway ITs share this one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "waqup.gateway.rate-limits.free=1,3",
        "waqup.gateway.rate-limits.paid=50,100",
        "waqup.gateway.rate-limits.anonymous=1,3",
        "waqup.gateway.trusted-proxy-hops=1",
        "waqup.gateway.max-request-size=10KB",
        "waqup.gateway.cors-allowed-origins=https://app.waqup.test" })
abstract class GatewayITSupport {

    static final Downstreams DOWNSTREAMS = new Downstreams().start();
    /** reward-service is "down": nothing listens on its port */
    static final int DEAD_PORT = Downstreams.unusedPort();
    static final TcpProxy REDIS = new TcpProxy("127.0.0.1", 6379);
    /** a built web app in a temporary directory (index.html, hashed assets, a precompressed sibling, the service worker) */
    static final Path WEB_APP = WebAppIT.builtApp();

    @LocalServerPort
    int port;

    /** Actuator's own port (probes with details, Prometheus): never the public one. */
    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        for (String service : Downstreams.SERVICES) {
            String url = service.equals("reward-service") ? "http://127.0.0.1:" + DEAD_PORT : DOWNSTREAMS.url(service);
            registry.add("waqup.gateway.services." + service, () -> url);
        }
        registry.add("waqup.web.directory", WEB_APP::toString);
        // any echo server stands in for the audio store behind /media/**
        registry.add("waqup.web.media-upstream", () -> DOWNSTREAMS.url("audio-generation-service"));
        registry.add("waqup.security.jwks-uri", () -> TestTokens.shared().jwksUri());
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("spring.data.redis.database", () -> TestDatabase.REDIS_DATABASE);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    /** Headers of a request by a new free-tier person (a fresh rate-limit bucket), plus {@code more}. */
    static String[] asUser(String... more) {
        return as(TestTokens.shared().user(UUID.randomUUID()), more);
    }

    static String[] as(String token, String... more) {
        List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + token));
        headers.addAll(List.of(more));
        return headers.toArray(String[]::new);
    }

    /** Headers of an anonymous request from a new client IP (behind one trusted proxy), plus {@code more}. */
    static String[] anonymous(String... more) {
        List<String> headers = new ArrayList<>(List.of("X-Forwarded-For", randomIp()));
        headers.addAll(List.of(more));
        return headers.toArray(String[]::new);
    }

    static String randomIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }
}
