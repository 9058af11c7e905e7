package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/** Routing, the error envelope, correlation ids, retries, WebSocket and API docs through the gateway. */
class GatewayRoutingIT extends GatewayITSupport {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/v1/users/me, user-service",
            "/api/v1/users/me/history?page=2, ritual-library-service",
            "/api/v1/users/me/stats, ritual-library-service",
            "/api/v1/conversation/state?session_id=abc, conversation-service",
            "/api/v1/generations/3f1c, content-generation-service",
            "/api/v1/voices, audio-generation-service",
            "/api/v1/content/42/export?format=text, ritual-library-service",
            "/api/v1/credits/balance, credit-service",
            "/api/v1/credits/purchase, payment-service",
            "/api/v1/credits/transactions?page=1, credit-service",
            "/api/v1/creators/me/packs, creator-service",
            "/api/v1/catalog/packs?search=sleep, catalog-service",
            "/api/v1/payments/checkout, payment-service" })
    void shouldRouteEachPublicPrefixToItsService(String path, String service) {
        String creator = TestTokens.shared().user(UUID.randomUUID(), "user", "creator");
        Http.Response response = Http.get(url(path), as(creator));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("service").asString()).isEqualTo(service);
        assertThat(body.path("uri").asString()).as("path and query reach the service unchanged").isEqualTo(path);
    }

    @Test
    void shouldRouteTheCatalogsAdministrationToCatalogOnlyForAdministrators() {
        String path = "/api/v1/admin/catalog/reindex";
        int before = DOWNSTREAMS.hits.size();
        Http.Response refused = Http.post(url(path), "{}", as(TestTokens.shared().user(UUID.randomUUID(), "user", "creator"),
                "Content-Type", "application/json"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(DOWNSTREAMS.hits.size()).as("nothing reached a service").isEqualTo(before);
        Http.Response routed = Http.post(url(path), "{}", as(TestTokens.shared().user(UUID.randomUUID(), "user", "admin"),
                "Content-Type", "application/json"));
        assertThat(routed.status()).as(routed.body()).isEqualTo(200);
        assertThat(routed.json().path("service").asString()).isEqualTo("catalog-service");
        assertThat(routed.json().path("uri").asString()).isEqualTo(path);
    }

    @Test
    void shouldRouteThePaymentSandboxsPagesWithoutATokenAndItsOperatorActionsOnlyForAdministrators() {
        Http.Response page = Http.get(url("/sandbox/checkout/cs_test_sbx_1"));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().path("service").asString()).isEqualTo("payment-service");
        for (String path : new String[] { "/sandbox/checkout/cs_test_sbx_1/pay", "/sandbox/checkout/cs_test_sbx_1/cancel" }) {
            Http.Response form = Http.post(url(path), "card_number=4242424242424242", "Content-Type", "application/x-www-form-urlencoded");
            assertThat(form.status()).as(path).isEqualTo(200);
            assertThat(form.json().path("uri").asString()).isEqualTo(path);
        }
        String admin = "/api/v1/admin/payments/sandbox/subscriptions/" + UUID.randomUUID() + "/renew";
        int before = DOWNSTREAMS.hits.size();
        assertThat(Http.post(url(admin), "", "Content-Type", "application/json").status()).isEqualTo(401);
        assertThat(Http.post(url(admin), "", as(TestTokens.shared().user(UUID.randomUUID()), "Content-Type", "application/json"))
                .status()).isEqualTo(403);
        assertThat(DOWNSTREAMS.hits.size()).as("nothing reached a service").isEqualTo(before);
        Http.Response routed = Http.post(url(admin), "", as(TestTokens.shared().user(UUID.randomUUID(), "user", "admin"),
                "Content-Type", "application/json"));
        assertThat(routed.status()).isEqualTo(200);
        assertThat(routed.json().path("service").asString()).isEqualTo("payment-service");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/payments/webhook" })
    void shouldForwardThePublicPostsWithoutAToken(String path) {
        Http.Response response = Http.post(url(path), "{}", anonymous("Content-Type", "application/json"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("uri").asString()).isEqualTo(path);
    }

    @Test
    void shouldForwardPostsOnceWithTheirBody() {
        Http.Response response = Http.post(url("/api/v1/payments/webhook"), "{\"type\":\"checkout.session.completed\"}",
                "Content-Type", "application/json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("method").asString()).isEqualTo("POST");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/internal/credits/holds", "/api/v1/credits/internal/holds", "/api/v1/credits/%69nternal/holds",
            "/api/v1/credits/..%2F..%2Finternal/holds", "/INTERNAL/x", "/api/v1/content/x;internal" })
    void shouldNeverExposeInternalEndpoints(String path) {
        int before = DOWNSTREAMS.hits.size();
        Http.Response response = Http.get(url(path), asUser());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(response.json().path("error").path("trace_id").asString()).isNotBlank();
        assertThat(Http.get(url(path)).status()).as("also without a token: it does not exist").isEqualTo(404);
        assertThat(DOWNSTREAMS.hits.size()).as("nothing reached a service").isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/unknown", "/api/v2/credits/balance", "/ws/unknown", "/docs/unknown" })
    void shouldAnswerUnknownPathsWithTheErrorEnvelope(String path) {
        Http.Response response = Http.get(url(path), asUser());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode error = response.json().path("error");
        assertThat(error.path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.has("details")).isTrue();
        assertThat(response.body()).doesNotContain("Exception", "\"status\"", "\"path\"");
    }

    @Test
    void shouldPassTheCallersCorrelationIdDownstreamAndBack() {
        Http.Response response = Http.get(url("/api/v1/credits/balance"), asUser("X-Correlation-Id", "mobile-7f3a-01"));
        assertThat(response.header("X-Correlation-Id")).isEqualTo("mobile-7f3a-01");
        assertThat(response.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("X-Correlation-Id"))
                .flatMap(e -> e.getValue().stream()).count()).as("one header, not the downstream's echo too").isEqualTo(1);
        assertThat(response.json().path("correlation_id").asString()).isEqualTo("mobile-7f3a-01");
    }

    @Test
    void shouldGenerateACorrelationIdWhenNoneOrAnUnsafeOneIsSent() {
        Http.Response none = Http.get(url("/api/v1/credits/balance"), asUser());
        String generated = none.header("X-Correlation-Id");
        assertThat(UUID.fromString(generated)).isNotNull();
        assertThat(none.json().path("correlation_id").asString()).isEqualTo(generated);

        Http.Response unsafe = Http.get(url("/api/v1/credits/balance"), asUser("X-Correlation-Id", "<script>alert(1)</script>"));
        assertThat(unsafe.header("X-Correlation-Id")).doesNotContain("<").hasSize(36);
        assertThat(unsafe.json().path("correlation_id").asString()).isEqualTo(unsafe.header("X-Correlation-Id"));
    }

    @Test
    void shouldAnswer503WithTheEnvelopeWhenAServiceIsDown() {
        Http.Response response = Http.get(url("/api/v1/rewards/balance"),
                as(TestTokens.shared().user(UUID.randomUUID(), "user", "creator"), "X-Correlation-Id", "down-1"));
        assertThat(response.status()).isEqualTo(503);
        JsonNode error = response.json().path("error");
        assertThat(error.path("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(error.path("trace_id").asString()).isEqualTo("down-1");
        assertThat(response.body()).doesNotContain("Connection refused", "Exception");
    }

    @Test
    void shouldRetryFailedReadsButNeverPosts() {
        String readPath = "/api/v1/catalog/retry-" + UUID.randomUUID() + "/boom";
        Http.Response read = Http.get(url(readPath), asUser());
        assertThat(read.status()).isEqualTo(500);
        assertThat(DOWNSTREAMS.hitsOn(readPath)).as("one try and two retries").hasSize(3);

        String writePath = "/api/v1/catalog/once-" + UUID.randomUUID() + "/boom";
        Http.Response write = Http.post(url(writePath), "{}", asUser("Content-Type", "application/json"));
        assertThat(write.status()).isEqualTo(500);
        assertThat(DOWNSTREAMS.hitsOn(writePath)).as("a POST is never retried").hasSize(1);
    }

    @Test
    void shouldProxyTheConversationWebSocket() {
        Sinks.One<String> reply = Sinks.one();
        new ReactorNettyWebSocketClient().execute(URI.create("ws://127.0.0.1:" + port + "/ws/conversation?token=" + TestTokens.shared().user(UUID.randomUUID())),
                session -> session.send(Mono.just(session.textMessage("hello")))
                        .thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(1)
                                .doOnNext(reply::tryEmitValue))
                        .then())
                .block(Duration.ofSeconds(10));
        assertThat(reply.asMono().block(Duration.ofSeconds(1))).isEqualTo("conversation-service echo: hello");
    }

    @Test
    void shouldServeEveryServicesApiDocsAndTheSwaggerUi() {
        for (String service : Downstreams.SERVICES) {
            if (service.equals("reward-service")) {
                continue;
            }
            Http.Response docs = Http.get(url("/docs/" + service + "/v3/api-docs"), anonymous());
            assertThat(docs.status()).isEqualTo(200);
            assertThat(docs.json().path("service").asString()).isEqualTo(service);
            assertThat(docs.json().path("uri").asString()).isEqualTo("/v3/api-docs");
        }
        Http.Response config = Http.get(url("/v3/api-docs/swagger-config"), anonymous());
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("urls")).hasSize(Downstreams.SERVICES.size());
        Http.Response entry = Http.get(url("/swagger-ui.html"), anonymous());
        assertThat(entry.status()).isEqualTo(302);
        assertThat(entry.header("Location")).endsWith("/swagger-ui/index.html");
        Http.Response ui = Http.get(url("/swagger-ui/index.html"), anonymous());
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }

    @Test
    void shouldBeReadyAndEnforcingRateLimitsWhenRedisIsUp() {
        Http.Response readiness = Http.get(managementUrl("/actuator/health/readiness"));
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("components").path("rateLimiting").path("details").path("mode").asString())
                .isEqualTo("enforcing");
        assertThat(Http.get(managementUrl("/actuator/health/liveness")).status()).isEqualTo(200);
    }
}
