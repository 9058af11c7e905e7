package com.waqup.common.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.waqup.common.client.Deadline;
import com.waqup.common.client.InternalCallException;
import com.waqup.common.client.InternalCallPolicy;
import com.waqup.common.client.InternalClient;
import com.waqup.common.client.InternalClients;
import com.waqup.common.client.InternalServicesProperties;
import com.waqup.common.correlation.CorrelationId;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.Events;
import com.waqup.common.security.ServiceTokenClient;
import com.waqup.common.security.TokenRevocation;
import com.waqup.common.test.Http;
import com.waqup.common.test.TcpProxy;
import com.waqup.common.test.TestDatabase;
import com.waqup.common.test.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * common-lib as a service gets it: a real Tomcat, real PostgreSQL, Redis and RabbitMQ (each reached through a
 * TCP proxy so a test can take it away), and only common-lib's auto-configuration.
 */
@SpringBootTest(classes = CommonTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.application.name=common-probe", "spring.flyway.enabled=false",
                "waqup.security.public-paths=/probe/**,/nothing/**", "waqup.limits.max-request-size=64KB" })
@ExtendWith(OutputCaptureExtension.class)
class CommonLibIT {

    static final TcpProxy POSTGRES = new TcpProxy(TestDatabase.host(), TestDatabase.port());
    static final TcpProxy REDIS = new TcpProxy("127.0.0.1", 6379);
    static final TcpProxy RABBIT = new TcpProxy("127.0.0.1", 5672);
    static final TcpProxy S3 = new TcpProxy("127.0.0.1", 9000);

    @LocalServerPort
    int port;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    StringRedisTemplate redisTemplate;

    @Autowired
    InternalClients internalClients;

    @Autowired
    RestClient.Builder restClients;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ServiceTokenClient serviceTokens;

    @DynamicPropertySource
    static void infrastructureThroughProxies(DynamicPropertyRegistry registry) {
        TestDatabase.ensure();
        TestTokens.grantForTests("common-probe", "common-probe", "probe:read");
        registry.add("spring.datasource.url", () -> TestDatabase.url("127.0.0.1", POSTGRES.port()));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("spring.rabbitmq.port", RABBIT::port);
        registry.add("spring.rabbitmq.cache.connection.mode", () -> "channel");
        registry.add("waqup.security.jwks-uri", () -> TestTokens.shared().jwksUri());
        registry.add("waqup.security.service-client.token-uri", () -> TestTokens.shared().serviceTokenUri());
        registry.add("spring.rabbitmq.virtual-host", () -> TestDatabase.RABBIT_VHOST);
        registry.add("spring.data.redis.database", () -> TestDatabase.REDIS_DATABASE);
        registry.add("waqup.s3.endpoint", () -> "http://127.0.0.1:" + S3.port());
        registry.add("waqup.s3.access-key", () -> "local-identity");
        registry.add("waqup.s3.secret-key", () -> "local-credential");
        registry.add("waqup.s3.bucket", () -> TestDatabase.S3_BUCKET);
        registry.add("waqup.s3.create-bucket", () -> "true");
        registry.add("waqup.s3.api-timeout", () -> "3s");
    }

    @AfterEach
    void dependenciesBack() {
        POSTGRES.restore();
        REDIS.restore();
        RABBIT.restore();
        S3.restore();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    static JsonNode error(Http.Response response) {
        return response.json().path("error");
    }

    // ---- error envelope -------------------------------------------------------------------------------------

    @Test
    void shouldAnswerAnUnknownRouteWith404Envelope() {
        Http.Response r = Http.get(url("/nothing/here"), CorrelationId.HEADER, "abc-123");
        assertThat(r.status()).isEqualTo(404);
        assertThat(error(r).path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(error(r).path("trace_id").asString()).isEqualTo("abc-123");
        assertThat(error(r).path("details").isObject()).isTrue();
    }

    @Test
    void shouldAnswerAWrongMethodWith405AndAllow() {
        Http.Response r = Http.send("DELETE", url("/probe/items"), null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(error(r).path("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(r.header("Allow")).contains("GET");
    }

    @Test
    void shouldAnswerAnUnsupportedMediaTypeWith415() {
        Http.Response r = Http.post(url("/probe/items"), "display_name=x", "Content-Type", "text/plain");
        assertThat(r.status()).isEqualTo(415);
        assertThat(error(r).path("code").asString()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "broken JSON | {\"display_name\": \"a\",",
            "not JSON at all | hello",
            "empty body | ''" })
    void shouldAnswerMalformedJsonWith400(String what, String body) {
        Http.Response r = Http.post(url("/probe/items"), body, "Content-Type", "application/json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r).path("code").asString()).isEqualTo("MALFORMED_JSON");
        assertThat(r.body()).doesNotContain("tools.jackson", "Exception", "line:");
    }

    @Test
    void shouldNameTheFieldWithTheWrongType() {
        Http.Response r = Http.post(url("/probe/items"), "{\"display_name\":\"a\",\"credit_amount\":\"many\"}",
                "Content-Type", "application/json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r).path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(error(r).path("details").path("fields").path("credit_amount").asString()).isEqualTo("must be an integer");
    }

    @Test
    void shouldListTheAllowedValuesOfAnEnumField() {
        Http.Response r = Http.post(url("/probe/items"),
                "{\"display_name\":\"a\",\"credit_amount\":1,\"content_type\":\"podcast\"}", "Content-Type", "application/json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r).path("details").path("fields").path("content_type").asString())
                .contains("affirmation", "guided_meditation", "ritual");
    }

    @Test
    void shouldReportEveryInvalidFieldInSnakeCase() {
        Http.Response r = Http.post(url("/probe/items"), "{\"display_name\":\" \",\"credit_amount\":0,\"email\":\"nope\"}",
                "Content-Type", "application/json");
        assertThat(r.status()).isEqualTo(400);
        JsonNode fields = error(r).path("details").path("fields");
        assertThat(fields.has("display_name")).isTrue();
        assertThat(fields.has("credit_amount")).isTrue();
        assertThat(fields.has("email")).isTrue();
        assertThat(fields.has("displayName")).isFalse();
    }

    @Test
    void shouldRejectABadPathVariableOrQueryParameterWith400() {
        Http.Response badId = Http.get(url("/probe/items/not-a-uuid"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(error(badId).path("details").path("fields").path("id").asString()).isEqualTo("must be a UUID");

        Http.Response missing = Http.get(url("/probe/required"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(error(missing).path("details").path("fields").path("count").asString()).isEqualTo("is required");

        Http.Response wrongType = Http.get(url("/probe/required?count=lots"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(error(wrongType).path("details").path("fields").path("count").asString()).isEqualTo("must be an integer");
    }

    @Test
    void shouldRenderADomainExceptionWithItsOwnCodeStatusAndDetails() {
        UUID id = UUID.randomUUID();
        Http.Response r = Http.get(url("/probe/items/" + id));
        assertThat(r.status()).isEqualTo(404);
        assertThat(error(r).path("code").asString()).isEqualTo("PROBE_NOT_FOUND");
        assertThat(error(r).path("message").asString()).isEqualTo("Probe " + id + " not found");
        assertThat(error(r).path("details").path("probe_id").asString()).isEqualTo(id.toString());
    }

    @Test
    void shouldTurnTheKindOfADomainFailureIntoItsStatusAndHeaders() {
        Http.Response throttled = Http.get(url("/probe/throttled"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("7");
        assertThat(error(throttled).path("code").asString()).isEqualTo("PROBE_THROTTLED");
        assertThat(error(throttled).path("details").path("retry_after").asInt()).isEqualTo(7);

        Http.Response stranger = Http.get(url("/probe/stranger"));
        assertThat(stranger.status()).isEqualTo(401);
        assertThat(stranger.header("WWW-Authenticate")).isEqualTo("Basic realm=\"probe\"");
        assertThat(error(stranger).path("code").asString()).isEqualTo("PROBE_UNKNOWN");
    }

    @Test
    void shouldHideTheCauseOfAnUnexpectedFailure(CapturedOutput output) {
        Http.Response r = Http.get(url("/probe/crash"), CorrelationId.HEADER, "crash-1");
        assertThat(r.status()).isEqualTo(500);
        assertThat(error(r).path("code").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(error(r).path("message").asString()).isEqualTo("An unexpected error occurred");
        assertThat(r.body()).doesNotContain("hunter2", "IllegalState", "at com.");
        assertThat(output.getOut()).as("the cause is logged, with the correlation id").contains("hunter2", "crash-1");
    }

    @Test
    void shouldRenderErrorsRaisedOutsideSpringMvcWithTheEnvelope() {
        Http.Response failed = Http.get(url("/probe/filter-fails"), CorrelationId.HEADER, "filter-1");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(error(failed).path("code").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(error(failed).path("trace_id").asString()).isEqualTo("filter-1");
        assertThat(failed.body()).doesNotContain("secret filter detail", "timestamp");

        Http.Response forbidden = Http.get(url("/probe/filter-forbids"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(error(forbidden).path("code").asString()).isEqualTo("FORBIDDEN");
    }

    // ---- pagination and JSON ------------------------------------------------------------------------------

    @Test
    void shouldPaginateWithTheSeedsPaginationObject() {
        JsonNode first = Http.get(url("/probe/items")).json();
        assertThat(first.path("probe_items")).hasSize(20);
        JsonNode p = first.path("pagination");
        assertThat(p.path("page").asInt()).isEqualTo(1);
        assertThat(p.path("limit").asInt()).isEqualTo(20);
        assertThat(p.path("total").asInt()).isEqualTo(45);
        assertThat(p.path("pages").asInt()).isEqualTo(3);
        assertThat(p.path("has_next").asBoolean()).isTrue();
        assertThat(p.path("has_prev").asBoolean()).isFalse();

        JsonNode last = Http.get(url("/probe/items?page=3&limit=20")).json();
        assertThat(last.path("probe_items")).hasSize(5);
        assertThat(last.path("pagination").path("has_next").asBoolean()).isFalse();
        assertThat(last.path("pagination").path("has_prev").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "page=0, page", "page=-1, page", "limit=0, limit", "limit=101, limit", "limit=abc, limit", "page=x, page" })
    void shouldRejectInvalidPagingParameters(String query, String field) {
        Http.Response r = Http.get(url("/probe/items?" + query));
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r).path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(error(r).path("details").path("fields").has(field)).isTrue();
    }

    @Test
    void shouldWriteSnakeCaseAndIsoUtcTimestamps() {
        Http.Response r = Http.post(url("/probe/items"), "{\"display_name\":\"Evening Calm\",\"credit_amount\":2}",
                "Content-Type", "application/json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"item_id\":\"Evening Calm\",\"created_at\":\"2024-01-15T10:30:00Z\"}");
    }

    // ---- correlation ids, logs and messages ---------------------------------------------------------------

    @Test
    void shouldPropagateTheCorrelationIdOnOutgoingHttpCalls(CapturedOutput output) {
        Http.Response r = Http.get(url("/probe/outgoing?port=" + port), CorrelationId.HEADER, "flow-42");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header(CorrelationId.HEADER)).isEqualTo("flow-42");
        assertThat(r.json().path("incoming").asString()).isEqualTo("flow-42");
        assertThat(r.json().path("seen_downstream").asString()).isEqualTo("flow-42");
        String logLine = output.getOut().lines().filter(l -> l.contains("calling downstream")).findFirst().orElseThrow();
        JsonNode log = JsonMapper.builder().build().readTree(logLine);
        assertThat(log.path("correlation_id").asString()).isEqualTo("flow-42");
        assertThat(log.path("service").path("name").asString()).isEqualTo("common-probe");
        assertThat(log.path("log").path("level").asString()).isEqualTo("INFO");
    }

    @Test
    void shouldGenerateACorrelationIdWhenTheCallerSendsNone() {
        Http.Response r = Http.get(url("/probe/outgoing?port=" + port));
        String id = r.header(CorrelationId.HEADER);
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(r.json().path("seen_downstream").asString()).isEqualTo(id);
    }

    @Test
    void shouldCarryTheEventEnvelopeAndCorrelationIdThroughRabbitMq() throws Exception {
        ProbeListener.RECEIVED.clear();
        EventEnvelope<Map<String, Object>> sent;
        MDC.put(CorrelationId.MDC_KEY, "amqp-flow-7");
        try {
            sent = EventEnvelope.of(ProbeListener.ROUTING_KEY, Map.of("user_id", "u-1", "amount", 1));
            rabbit.convertAndSend(Events.EXCHANGE, ProbeListener.ROUTING_KEY, sent);
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
        Map<String, Object> received = ProbeListener.RECEIVED.poll(20, TimeUnit.SECONDS);
        assertThat(received).as("the listener got the event").isNotNull();
        assertThat(received.get("mdc_correlation_id")).isEqualTo("amqp-flow-7");
        @SuppressWarnings("unchecked")
        EventEnvelope<Map<String, Object>> event = (EventEnvelope<Map<String, Object>>) received.get("event");
        assertThat(event.eventId()).isEqualTo(sent.eventId());
        assertThat(event.type()).isEqualTo("probe.happened");
        assertThat(event.correlationId()).isEqualTo("amqp-flow-7");
        assertThat(event.data()).containsEntry("user_id", "u-1");
    }

    @Test
    void shouldSendAPoisonMessageToTheDeadLetterQueueAtOnceAndRetryATransientFailure() {
        String poison = sendChecked(Map.of("fail", false));
        String transientFailure = sendChecked(Map.of("probe_id", "p-2", "fail", true));
        String fine = sendChecked(Map.of("probe_id", "p-3", "fail", false));

        List<String> deadLetters = new ArrayList<>();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Message dead = rabbit.receive(ProbeListener.CHECKED_QUEUE + ".dlq");
            if (dead != null) {
                deadLetters.add((String) dead.getMessageProperties().getHeader("probe_key"));
            }
            assertThat(deadLetters).contains(poison, transientFailure);
        });
        assertThat(ProbeListener.ATTEMPTS.get(poison).get()).as("a poison message is not retried").isEqualTo(1);
        assertThat(ProbeListener.ATTEMPTS.get(transientFailure).get()).as("a transient failure is retried (max-attempts)")
                .isEqualTo(4);
        assertThat(ProbeListener.ATTEMPTS.get(fine).get()).isEqualTo(1);
        assertThat(deadLetters).doesNotContain(fine);
    }

    private String sendChecked(Map<String, Object> data) {
        String key = UUID.randomUUID().toString();
        rabbit.convertAndSend(Events.EXCHANGE, ProbeListener.CHECKED, EventEnvelope.of(ProbeListener.CHECKED, data), message -> {
            message.getMessageProperties().setHeader("probe_key", key);
            return message;
        });
        return key;
    }

    @Test
    void shouldSerializeTheEventEnvelopeWithTheSeedsFieldNames() {
        String json = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build()
                .writeValueAsString(EventEnvelope.of("user.registered", Map.of("user_id", "u")));
        assertThat(json).contains("\"event_id\"", "\"type\":\"user.registered\"", "\"occurred_at\"", "\"correlation_id\"", "\"data\"");
    }

    // ---- text PostgreSQL cannot store, bodies over the limit, a dependency that stalls -------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a NUL character | calm\\u0000sleep",
            "a lone high surrogate | calm\\ud800sleep",
            "a lone low surrogate | \\udc00" })
    void shouldRefuseJsonTextPostgresCannotStoreNamingTheField(String what, String escaped) {
        Http.Response r = Http.post(url("/probe/items"), "{\"display_name\":\"" + escaped + "\",\"credit_amount\":1}",
                "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(error(r).path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(error(r).path("details").path("fields").path("display_name").asString()).contains("NUL", "surrogate");
        Http.Response pair = Http.post(url("/probe/items"), "{\"display_name\":\"calm \\ud83d\\ude0c\",\"credit_amount\":1}",
                "Content-Type", "application/json");
        assertThat(pair.status()).as("a surrogate pair (an emoji) is fine").isEqualTo(200);
        assertThat(pair.json().path("item_id").asString()).isEqualTo("calm \uD83D\uDE0C");
    }

    @Test
    void shouldRefuseANulInAQueryParameterNamingIt() {
        Http.Response r = Http.get(url("/probe/search?q=calm%00sleep"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r).path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(error(r).path("details").path("fields").path("q").asString()).contains("NUL");
        assertThat(Http.get(url("/probe/search?q=calm%20sleep")).json().path("q").asString()).isEqualTo("calm sleep");
    }

    @Test
    void shouldRefuseABodyOverTheLimitWhetherDeclaredOrChunked() {
        byte[] big = new byte[200 * 1024];
        Arrays.fill(big, (byte) 'a');
        Http.Response declared = Http.post(url("/probe/body"), new String(big, StandardCharsets.UTF_8),
                "Content-Type", "text/plain");
        assertThat(declared.status()).isEqualTo(413);
        assertThat(error(declared).path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");

        Http.Response chunked = Http.postChunked(url("/probe/body"), big, "Content-Type", "text/plain");
        assertThat(chunked.status()).as("no Content-Length: counted while read").isEqualTo(413);
        assertThat(error(chunked).path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(error(chunked).path("details").path("max_bytes").asLong()).isEqualTo(64 * 1024);

        Http.Response small = Http.postChunked(url("/probe/body"), new byte[10 * 1024], "Content-Type", "text/plain");
        assertThat(small.status()).isEqualTo(200);
        assertThat(small.json().path("length").asInt()).isEqualTo(10 * 1024);
    }

    @Test
    void shouldAnswer503WhenTheDatabaseEndsTheConnectionUnderATransaction() {
        Http.Response cut = Http.post(url("/probe/connection-lost"), "", CorrelationId.HEADER, "cut-1");

        assertThat(cut.status()).as("the rollback failed too: still the database unavailable, not a 500").isEqualTo(503);
        assertThat(cut.header("Retry-After")).isEqualTo("5");
        assertThat(error(cut).path("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(error(cut).path("trace_id").asString()).isEqualTo("cut-1");
        assertThat(cut.body()).doesNotContain("SQL", "Exception", "terminat");
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileRedisStalls() {
        assertThat(Http.get(url("/probe/redis")).status()).isEqualTo(200);
        REDIS.pause();
        try {
            Http.Response stalled = Http.get(url("/probe/redis"), CorrelationId.HEADER, "stall-1");
            assertThat(stalled.status()).isEqualTo(503);
            assertThat(stalled.header("Retry-After")).isEqualTo("5");
            assertThat(error(stalled).path("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(error(stalled).path("trace_id").asString()).isEqualTo("stall-1");
        } finally {
            REDIS.resume();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> Http.get(url("/probe/redis")).status() == 200);
    }

    // ---- calls between services -----------------------------------------------------------------------------------

    @Test
    void shouldCallAnotherServiceWithItsServiceTokenAndDecodeItsErrorEnvelope() {
        InternalClient probe = new InternalClients(restClients, serviceTokens, new InternalServicesProperties(
                Map.of("common-probe", new InternalServicesProperties.Endpoint(url(""), Duration.ofSeconds(2), Duration.ofSeconds(5)))))
                .client("common-probe");
        MDC.put(CorrelationId.MDC_KEY, "internal-flow-3");
        try {
            ProbeController.Caller caller = probe.get(ProbeController.Caller.class, "/internal/probe/caller");
            assertThat(caller.caller()).as("authenticated by the service token").isEqualTo("service:common-probe");
            assertThat(caller.correlationId()).isEqualTo("internal-flow-3");

            UUID id = UUID.randomUUID();
            InternalCallException missing = catchThrowableOfType(InternalCallException.class,
                    () -> probe.get(ProbeController.ProbeItem.class, "/internal/probe/items/{id}", id));
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.code()).isEqualTo("PROBE_NOT_FOUND");
            assertThat(missing.details()).containsEntry("probe_id", id.toString());
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }

    // ---- deadlines, circuit breakers and their meters on calls between services ------------------------------------

    @Test
    void shouldRefuseWorkForACallerWhoseDeadlineHasPassed() {
        String passed = Deadline.format(Instant.now().minusMillis(50));
        Http.Response refused = Http.post(url("/probe/items"), "{\"display_name\":\"late\",\"credit_amount\":1}",
                "Content-Type", "application/json", Deadline.HEADER, passed, "X-Correlation-Id", "late-1");

        assertThat(refused.status()).isEqualTo(504);
        assertThat(error(refused).path("code").asString()).isEqualTo("GATEWAY_TIMEOUT");
        assertThat(error(refused).path("trace_id").asString()).isEqualTo("late-1");

        Http.Response inTime = Http.post(url("/probe/items"), "{\"display_name\":\"on time\",\"credit_amount\":1}",
                "Content-Type", "application/json", Deadline.HEADER, Deadline.format(Instant.now().plusSeconds(30)));
        assertThat(inTime.status()).as(inTime.body()).isEqualTo(200);
        assertThat(Http.get(url("/probe/items"), Deadline.HEADER, "not-a-deadline").status())
                .as("a header that is not a deadline is ignored").isEqualTo(200);
    }

    @Test
    void shouldCarryTheCallersDeadlineToTheServiceItCalls() {
        InternalClient probe = probeClient(InternalCallPolicy.defaults(), null);

        long before = System.currentTimeMillis();
        ProbeController.SeenDeadline own = probe.get(ProbeController.SeenDeadline.class, "/internal/probe/deadline");
        assertThat(own.deadline()).as("the caller's read timeout (5 s) is the callee's deadline")
                .isBetween(before + 4_900, System.currentTimeMillis() + 5_000);
        assertThat(own.header()).isEqualTo(own.deadline().toString());

        Instant callersDeadline = Instant.now().plusMillis(2_000);
        try (Deadline.Scope ignored = Deadline.enter(callersDeadline)) {
            ProbeController.SeenDeadline passedOn = probe.get(ProbeController.SeenDeadline.class, "/internal/probe/deadline");
            assertThat(passedOn.deadline()).as("never later than the caller's own")
                    .isLessThanOrEqualTo(callersDeadline.toEpochMilli()).isGreaterThan(callersDeadline.toEpochMilli() - 1_000);
        }
    }

    @Test
    void shouldStopWaitingAtTheDeadlineAndOpenTheCircuitOfAFailingServiceWithItsMeters() {
        InternalClient probe = probeClient(new InternalCallPolicy(50, 4, 4, Duration.ofSeconds(30), 1, 25, 1, Duration.ofMillis(10)),
                meters);
        InternalCallException late;
        try (Deadline.Scope ignored = Deadline.enter(Instant.now().plusMillis(400))) {
            late = catchThrowableOfType(InternalCallException.class,
                    () -> probe.get(ProbeController.SeenDeadline.class, "/internal/probe/slow?ms=3000"));
        }
        // the probe answers after 3 s, within the 5 s read timeout: only the 400 ms left can have cut the wait
        assertThat(late.timedOut()).isTrue();

        for (int i = 0; i < 3; i++) {
            try (Deadline.Scope ignored = Deadline.enter(Instant.now().plusMillis(200))) {
                catchThrowableOfType(InternalCallException.class,
                        () -> probe.get(ProbeController.SeenDeadline.class, "/internal/probe/slow?ms=3000"));
            }
        }
        InternalCallException open = catchThrowableOfType(InternalCallException.class,
                () -> probe.get(ProbeController.Caller.class, "/internal/probe/caller"));
        assertThat(open.unavailable()).isTrue();
        assertThat(open.getMessage()).contains("circuit open");

        String metrics = Http.get(url("/actuator/prometheus")).body();
        assertThat(metrics).contains("resilience4j_circuitbreaker_state{", "name=\"probe-meters\"",
                "resilience4j_bulkhead_available_concurrent_calls", "resilience4j_retry_calls");
        assertThat(metrics.lines().filter(l -> l.startsWith("resilience4j_circuitbreaker_state{")
                && l.contains("name=\"probe-meters\"") && l.contains("state=\"open\"")))
                .singleElement().satisfies(line -> assertThat(line).matches(".* 1(\\.0)?$"));
    }

    /** A client of this very service as {@code probe-meters}, guarded by {@code policy}. */
    private InternalClient probeClient(InternalCallPolicy policy, MeterRegistry meterRegistry) {
        return new InternalClients(restClients, serviceTokens, new InternalServicesProperties(
                Map.of("probe-meters", new InternalServicesProperties.Endpoint(url(""), Duration.ofSeconds(2), Duration.ofSeconds(5),
                        "common-probe"))),
                policy, meterRegistry).client("probe-meters");
    }

    @Test
    void shouldRefuseAnInternalClientForAServiceThatIsNotConfigured() {
        assertThatThrownBy(() -> internalClients.client("nowhere"))
                .hasMessageContaining("waqup.services.nowhere.url is not set");
    }

    // ---- every service verifies tokens itself ----------------------------------------------------------------

    @Test
    void shouldBindTheAuthenticatedUserFromAValidToken() {
        UUID id = UUID.randomUUID();
        Http.Response r = Http.get(url("/secured/me"), "Authorization", "Bearer " + TestTokens.shared().paidUser(id));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("id").asString()).isEqualTo(id.toString());
        assertThat(r.json().path("tier").asString()).isEqualTo("paid");
        assertThat(r.json().path("roles").get(0).asString()).isEqualTo("user");
    }

    @Test
    void shouldAnswer401WithEnvelopeAndBearerChallengeWithoutAToken() {
        Http.Response r = Http.get(url("/secured/me"), CorrelationId.HEADER, "no-token-1");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(error(r).path("code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(error(r).path("trace_id").asString()).isEqualTo("no-token-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "expired", "wrong issuer", "wrong audience", "unsigned (alg none)", "tampered", "unknown key", "garbage" })
    void shouldRefuseEveryUnacceptableToken(String variant) {
        UUID id = UUID.randomUUID();
        TestTokens tokens = TestTokens.shared();
        String token = switch (variant) {
            case "expired" -> tokens.sign(id.toString(), "waqup-api", List.of("user"), "free", "waqup", Duration.ofMinutes(-5));
            case "wrong issuer" -> tokens.sign(id.toString(), "waqup-api", List.of("user"), "free", "evil", Duration.ofMinutes(5));
            case "wrong audience" -> tokens.sign(id.toString(), "other-api", List.of("user"), "free", "waqup", Duration.ofMinutes(5));
            case "unsigned (alg none)" -> TestTokens.unsigned(id);
            case "tampered" -> TestTokens.tampered(tokens.user(id));
            case "unknown key" -> TestTokens.signedByStranger(id);
            default -> "not.a.jwt";
        };
        Http.Response r = Http.get(url("/secured/me"), "Authorization", "Bearer " + token);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        assertThat(error(r).path("code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(r.body()).doesNotContain("Jwt", "expired at", "signature");
    }

    @Test
    void shouldRefuseAPersonsTokenIssuedBeforeTheirRevocationMarker() {
        UUID erased = UUID.randomUUID();
        String token = TestTokens.shared().user(erased);
        redisTemplate.opsForValue().set(TokenRevocation.key(erased),
                Long.toString(Instant.now().plusSeconds(1).getEpochSecond()), Duration.ofMinutes(2));
        Http.Response r = Http.get(url("/secured/me"), "Authorization", "Bearer " + token);
        assertThat(r.status()).isEqualTo(401);
        assertThat(error(r).path("code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(Http.get(url("/secured/me"), "Authorization", "Bearer " + TestTokens.shared().user(UUID.randomUUID())).status())
                .isEqualTo(200);
    }

    @Test
    void shouldLetOnlyServiceTokensReachInternalEndpoints() {
        Http.Response asService = Http.get(url("/internal/probe"), "Authorization", "Bearer " + TestTokens.shared().service("credit-service", "common-probe", Set.of("probe:read")));
        assertThat(asService.status()).isEqualTo(200);
        assertThat(asService.body()).isEqualTo("service:credit-service");

        Http.Response asUser = Http.get(url("/internal/probe"), "Authorization", "Bearer " + TestTokens.shared().user(UUID.randomUUID()));
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(error(asUser).path("code").asString()).isEqualTo("FORBIDDEN");

        Http.Response serviceOnUserApi = Http.get(url("/secured/me"), "Authorization", "Bearer " + TestTokens.shared().service("credit-service", "common-probe", Set.of("probe:read")));
        assertThat(serviceOnUserApi.status()).as("a service token is not a person").isEqualTo(403);
    }

    // ---- readiness is what the pod needs to serve its own requests; liveness is the JVM only ----------------

    @Test
    void shouldBeNotReadyWhileItsDatabaseIsDownAndRecoverByItself() {
        awaitReadiness(200);
        POSTGRES.cut();
        try {
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Http.Response readiness = Http.get(url("/actuator/health/readiness"));
                assertThat(readiness.status()).isEqualTo(503);
                assertThat(readiness.json().path("components").path("db").path("status").asString()).isEqualTo("DOWN");
            });
            assertThat(Http.get(url("/actuator/health/liveness")).status()).as("still alive: no restart loop").isEqualTo(200);
            assertThat(Http.get(url("/probe/items")).status()).as("the rest of the service keeps answering").isEqualTo(200);
        } finally {
            POSTGRES.restore();
        }
        awaitReadiness(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "redis", "rabbit", "s3" })
    void shouldStayReadyWhileASharedDependencyIsDownAndReportItInHealth(String component) {
        awaitReadiness(200);
        TcpProxy proxy = switch (component) {
            case "redis" -> REDIS;
            case "s3" -> S3;
            default -> RABBIT;
        };
        proxy.cut();
        try {
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Http.Response health = Http.get(url("/actuator/health"));
                assertThat(health.json().path("components").path(component).path("status").asString())
                        .as("the outage is visible in /actuator/health").isEqualTo("DOWN");
            });
            Http.Response readiness = Http.get(url("/actuator/health/readiness"));
            assertThat(readiness.status()).as("an outage of %s degrades; the pod stays in rotation: %s", component,
                    readiness.body()).isEqualTo(200);
            assertThat(readiness.json().path("components").has(component)).as("%s is not part of readiness", component).isFalse();
            assertThat(Http.get(url("/actuator/health/liveness")).status()).isEqualTo(200);
            assertThat(Http.get(url("/probe/items")).status()).as("the rest of the service keeps answering").isEqualTo(200);
        } finally {
            proxy.restore();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                Http.get(url("/actuator/health")).json().path("components").path(component).path("status").asString())
                .isEqualTo("UP"));
    }

    private void awaitReadiness(int status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(Http.get(url("/actuator/health/readiness")).status()).isEqualTo(status));
    }
}
