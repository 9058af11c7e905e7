package com.waqup.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.waqup.common.security.ServiceCredentials;
import com.waqup.common.security.ServiceGrants;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceProcess;
import com.waqup.common.test.TestDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Journeys as a client lives them: this gateway in front of the real services, each started from its built jar
 * as its own JVM (once per test run, stopped when the JVM exits), with real RS256 tokens from user-service's
 * keys and the real PostgreSQL, Redis, RabbitMQ and S3 (test database, vhost, Redis database and bucket), the
 * offline providers (composer, espeak-ng + ffmpeg). Every flow IT extends this and adds no configuration, so they
 * share one gateway context and one set of services. A test that must restart a service with other settings
 * (a vendor that fails) does it through {@link #restart} and puts it back afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "waqup.gateway.rate-limits.free=10,30", "waqup.gateway.rate-limits.anonymous=50,100" })
abstract class FlowITSupport {

    /** Every service starts on an empty vhost: nothing left in durable queues by the modules' own tests. */
    static final boolean FRESH_BROKER = resetBroker();

    /**
     * No login lockout left by an earlier run on this machine (user-service keeps them in the tests' Redis database for
     * up to 15 minutes): a run starts with every test address free to sign in.
     */
    static final boolean FRESH_THROTTLES = resetLoginThrottles();

    static final int USERS_PORT = ServiceProcess.freePort();
    static final int CREDITS_PORT = ServiceProcess.freePort();
    static final int GENERATION_PORT = ServiceProcess.freePort();
    static final int AUDIO_PORT = ServiceProcess.freePort();
    static final int LIBRARY_PORT = ServiceProcess.freePort();
    static final int CONVERSATION_PORT = ServiceProcess.freePort();
    static final int CREATOR_PORT = ServiceProcess.freePort();
    static final int PAYMENT_PORT = ServiceProcess.freePort();
    static final int CATALOG_PORT = ServiceProcess.freePort();
    static final int REWARD_PORT = ServiceProcess.freePort();

    /**
     * ElevenLabs as audio-generation sees it in these journeys: configured (so its namespaced voices route to it) but
     * refusing the key, as the vendor documents it (401). Only a person who picked an {@code elevenlabs:} voice meets it.
     */
    static final WireMockServer ELEVENLABS = refusingElevenLabs();

    /** Every service's view of the others (the same variables as in docker-compose.yml). */
    static final Map<String, String> WIRING = wiring();

    /**
     * Stops every service when the JVM exits, hooked before the first one starts: if a later service fails to start,
     * those already running are not left behind (they would answer the next run's events). It reads the fields when it
     * runs, so a service a test restarted is the one stopped.
     */
    static final boolean STOPPED_AT_EXIT = stopAtExit();

    static ServiceProcess USERS = ServiceProcess.start("user-service", USERS_PORT, WIRING);
    static ServiceProcess CREDITS = ServiceProcess.start("credit-service", CREDITS_PORT, WIRING);
    static ServiceProcess GENERATION = ServiceProcess.start("content-generation-service", GENERATION_PORT, WIRING);
    static ServiceProcess AUDIO = ServiceProcess.start("audio-generation-service", AUDIO_PORT, WIRING);
    static ServiceProcess LIBRARY = ServiceProcess.start("ritual-library-service", LIBRARY_PORT, WIRING);
    static ServiceProcess CONVERSATION = ServiceProcess.start("conversation-service", CONVERSATION_PORT, WIRING);
    // the marketplace's services hold personal data too: every erasure waits for their confirmation
    static ServiceProcess CREATOR = ServiceProcess.start("creator-service", CREATOR_PORT, WIRING);
    static ServiceProcess PAYMENT = ServiceProcess.start("payment-service", PAYMENT_PORT, WIRING);
    static ServiceProcess CATALOG = ServiceProcess.start("catalog-service", CATALOG_PORT, WIRING);
    static ServiceProcess REWARD = ServiceProcess.start("reward-service", REWARD_PORT, WIRING);

    private static boolean stopAtExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ServiceProcess service : new ServiceProcess[] { FlowITSupport.REWARD, FlowITSupport.CATALOG, FlowITSupport.PAYMENT,
                    FlowITSupport.CREATOR, FlowITSupport.CONVERSATION, FlowITSupport.LIBRARY, FlowITSupport.AUDIO,
                    FlowITSupport.GENERATION, FlowITSupport.CREDITS, FlowITSupport.USERS }) {
                if (service != null) {
                    service.close();
                }
            }
            ELEVENLABS.stop();
        }, "stop-flow-services"));
        return true;
    }

    private static boolean resetLoginThrottles() {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(
                io.lettuce.core.RedisURI.builder().withHost("127.0.0.1").withPort(6379).withDatabase(TestDatabase.REDIS_DATABASE).build());
        try (var connection = client.connect()) {
            for (String pattern : List.of("auth:fail:*", "auth:wait:*")) { // counts and the waits they imposed (LoginThrottle)
                List<String> keys = connection.sync().keys(pattern);
                if (!keys.isEmpty()) {
                    connection.sync().del(keys.toArray(String[]::new));
                }
            }
        } finally {
            client.shutdown();
        }
        return true;
    }

    private static boolean resetBroker() {
        TestDatabase.resetRabbitVhost();
        return true;
    }

    private static WireMockServer refusingElevenLabs() {
        var server = new WireMockServer(
                WireMockConfiguration.wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(WireMock.any(WireMock.anyUrl())
                .willReturn(WireMock.aResponse().withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}")));
        return server;
    }

    private static Map<String, String> wiring() {
        Map<String, String> env = new LinkedHashMap<>();
        String users = "http://127.0.0.1:" + USERS_PORT;
        env.put("JWKS_URI", users + "/.well-known/jwks.json");
        env.put("SERVICE_TOKEN_URI", users + "/service-auth/token");
        env.put("USER_SERVICE_URL", users);
        env.put("CREDIT_SERVICE_URL", "http://127.0.0.1:" + CREDITS_PORT);
        env.put("CONTENT_GENERATION_SERVICE_URL", "http://127.0.0.1:" + GENERATION_PORT);
        env.put("AUDIO_GENERATION_SERVICE_URL", "http://127.0.0.1:" + AUDIO_PORT);
        env.put("RITUAL_LIBRARY_SERVICE_URL", "http://127.0.0.1:" + LIBRARY_PORT);
        env.put("CONVERSATION_SERVICE_URL", "http://127.0.0.1:" + CONVERSATION_PORT);
        env.put("CREATOR_SERVICE_URL", "http://127.0.0.1:" + CREATOR_PORT);
        env.put("PAYMENT_SERVICE_URL", "http://127.0.0.1:" + PAYMENT_PORT);
        env.put("CATALOG_SERVICE_URL", "http://127.0.0.1:" + CATALOG_PORT);
        env.put("REWARD_SERVICE_URL", "http://127.0.0.1:" + REWARD_PORT);
        // the flow tests' own index alias (apart from a running platform's and from the catalog module's tests)
        env.put("CATALOG_INDEX", TestDatabase.NAME + "-flow-catalog-packs");
        // a crashed voicing worker's lease expires a little sooner than in production (30 s), so a test waits less for it
        env.put("AUDIO_JOB_LEASE", "20s");
        env.put("ELEVENLABS_API_KEY", "flow-test-key");
        env.put("ELEVENLABS_BASE_URL", ELEVENLABS.baseUrl());
        return Map.copyOf(env);
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("waqup.gateway.services.user-service", () -> USERS.url(""));
        registry.add("waqup.gateway.services.credit-service", () -> CREDITS.url(""));
        registry.add("waqup.gateway.services.content-generation-service", () -> GENERATION.url(""));
        registry.add("waqup.gateway.services.audio-generation-service", () -> AUDIO.url(""));
        registry.add("waqup.gateway.services.ritual-library-service", () -> LIBRARY.url(""));
        registry.add("waqup.gateway.services.conversation-service", () -> CONVERSATION.url(""));
        registry.add("waqup.gateway.services.creator-service", () -> CREATOR.url(""));
        registry.add("waqup.gateway.services.payment-service", () -> PAYMENT.url(""));
        registry.add("waqup.gateway.services.catalog-service", () -> CATALOG.url(""));
        registry.add("waqup.gateway.services.reward-service", () -> REWARD.url(""));
        registry.add("waqup.security.jwks-uri", () -> USERS.url("/.well-known/jwks.json"));
        registry.add("spring.data.redis.database", () -> TestDatabase.REDIS_DATABASE);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Registers a new person through the gateway; returns their access token. */
    String register(String prefix) {
        return registerPerson(prefix).token();
    }

    record Person(String id, String email, String password, String token) {
    }

    Person registerPerson(String prefix) {
        String email = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "juniper-lantern-" + UUID.randomUUID().toString().substring(0, 4);
        Http.Response r = signUp(() -> Http.post(url("/api/v1/auth/register"),
                json("email", email, "password", password), "Content-Type", "application/json"));
        if (r.status() != 201) {
            throw new IllegalStateException("registration failed: " + r.body());
        }
        return new Person(r.json().path("user").path("id").asString(), email, password, r.json().path("token").asString());
    }

    /**
     * A sign-up as a client does it: sign-ups are limited per address (5/s, burst 10) and the flow tests share
     * 127.0.0.1, so a 429 is waited out for its {@code Retry-After} and the request sent again (a few times at most).
     */
    static Http.Response signUp(java.util.function.Supplier<Http.Response> send) {
        Http.Response r = send.get();
        for (int attempt = 0; attempt < 5 && r.status() == 429; attempt++) {
            long seconds = Long.parseLong(java.util.Objects.requireNonNullElse(r.header("Retry-After"), "1"));
            try {
                Thread.sleep(Duration.ofSeconds(seconds).plusMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
            r = send.get();
        }
        return r;
    }

    /**
     * The operator's token for credit-service from the real user-service (its own derived secret, ?audience=), for what
     * no service does itself and a test arranges: credit grants.
     */
    static String serviceToken() {
        String secret = ServiceCredentials.secret(ServiceCredentials.LOCAL_DEV_MASTER_KEY, ServiceGrants.OPERATOR);
        String basic = Base64.getEncoder().encodeToString((ServiceGrants.OPERATOR + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Http.Response r = Http.post(USERS.url("/service-auth/token?audience=credit-service"), "",
                "Authorization", "Basic " + basic, "Content-Type", "application/json");
        if (r.status() != 200) {
            throw new IllegalStateException("no service token: " + r.body());
        }
        return r.json().path("access_token").asString();
    }

    /** Credits for a person, as a purchase would add them (credit-service's internal grant). */
    static void grant(String userId, int amount) {
        Http.Response r = Http.post(CREDITS.url("/internal/credits/grants"),
                "{\"user_id\":\"" + userId + "\",\"amount\":" + amount + ",\"reason\":\"test\",\"idempotency_key\":\""
                        + UUID.randomUUID() + "\"}", "Content-Type", "application/json", "Authorization", "Bearer " + serviceToken());
        if (r.status() != 200) {
            throw new IllegalStateException("grant failed: " + r.body());
        }
    }

    /** The keys under {@code prefix} in the tests' bucket, read with the AWS SDK against the local S3 server. */
    static List<String> objectKeys(String prefix) {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI_S3).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("local-identity", "local-credential")))
                .build()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(TestDatabase.S3_BUCKET).prefix(prefix)).contents().stream()
                    .map(S3Object::key).toList();
        }
    }

    static final URI URI_S3 = URI.create("http://127.0.0.1:9000");

    static String json(String... pairs) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            out.append(i == 0 ? "" : ",").append('"').append(pairs[i]).append("\":\"").append(pairs[i + 1]).append('"');
        }
        return out.append('}').toString();
    }
}
