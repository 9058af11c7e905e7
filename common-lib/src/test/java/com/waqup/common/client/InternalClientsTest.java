package com.waqup.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.waqup.common.correlation.CorrelationId;
import com.waqup.common.test.ServiceProcess;
import com.waqup.common.test.TestInternalClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.web.client.RestClient;

/**
 * {@link InternalClients} against a real HTTP server standing in for another service (the JDK's), a port nobody
 * listens on, and a socket that never answers: the token and the correlation id go out, answers come back typed, and
 * every failure is an {@link InternalCallException} with the envelope decoded.
 */
class InternalClientsTest {

    record Quote(Integer required, Integer available) {
    }

    private HttpServer server;
    private final List<HttpExchange> seen = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> correlationIds = new CopyOnWriteArrayList<>();
    private final List<String> deadlines = new CopyOnWriteArrayList<>();
    private final CountDownLatch slowCallArrived = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void otherService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/internal/unavailable", exchange -> answer(exchange, 503, """
                {"error":{"code":"SERVICE_UNAVAILABLE","message":"The service is temporarily unavailable","details":{}}}"""));
        server.createContext("/internal/slow", exchange -> {
            record(exchange);
            slowCallArrived.countDown();
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "{\"required\":1,\"available\":1}");
        });
        server.createContext("/internal/quote", exchange -> answer(exchange, 200, "{\"required\":2,\"available\":5}"));
        server.createContext("/internal/short", exchange -> answer(exchange, 402, """
                {"error":{"code":"INSUFFICIENT_CREDITS","message":"Not enough credits: 2 needed, 1 available",
                 "details":{"required":2,"available":1},"trace_id":"t-1"}}"""));
        server.createContext("/internal/broken", exchange -> answer(exchange, 502, "<html>bad gateway</html>"));
        server.createContext("/internal/empty", exchange -> {
            record(exchange);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
        MDC.remove(CorrelationId.MDC_KEY);
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        record(exchange);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void record(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        seen.add(exchange);
        deadlines.add(String.valueOf(exchange.getRequestHeaders().getFirst(Deadline.HEADER)));
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        correlationIds.add(String.valueOf(exchange.getRequestHeaders().getFirst(CorrelationId.HEADER)));
    }

    private InternalClient credit() {
        return TestInternalClients.client("credit", "http://127.0.0.1:" + server.getAddress().getPort() + "/", Duration.ofSeconds(5));
    }

    private InternalClient credit(InternalCallPolicy policy) {
        return TestInternalClients.client("credit", "http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(5), policy);
    }

    /** Small windows so a few calls show the behaviour: circuit over 4 calls, {@code attempts} per idempotent call. */
    private static InternalCallPolicy policy(int attempts, int maxConcurrentCalls) {
        return new InternalCallPolicy(50, 4, 4, Duration.ofSeconds(30), 1, maxConcurrentCalls, attempts, Duration.ofMillis(10));
    }

    private long hitsOn(String path) {
        return seen.stream().filter(e -> e.getRequestURI().getPath().equals(path)).count();
    }

    // ---- bounded retry for idempotent calls only ----------------------------------------------------------------

    @Test
    void shouldRetryAnIdempotentCallWhileTheServiceIsUnavailableButSendAPostOnce() {
        // a circuit that does not open during this test
        InternalClient client = credit(new InternalCallPolicy(50, 100, 100, Duration.ofSeconds(30), 1, 25, 3, Duration.ofMillis(10)));

        InternalCallException read = catchThrowableOfType(InternalCallException.class,
                () -> client.get(Quote.class, "/internal/unavailable"));
        assertThat(read.status()).isEqualTo(503);
        assertThat(hitsOn("/internal/unavailable")).as("a GET: one try and two retries").isEqualTo(3);

        seen.clear();
        assertThat(catchThrowableOfType(InternalCallException.class,
                () -> client.post(Quote.class, "/internal/unavailable", Map.of("a", 1))).status()).isEqualTo(503);
        assertThat(hitsOn("/internal/unavailable")).as("a POST is sent once").isEqualTo(1);

        seen.clear();
        catchThrowableOfType(InternalCallException.class, () -> client.idempotentPost(Quote.class, "/internal/unavailable", Map.of("a", 1)));
        assertThat(hitsOn("/internal/unavailable")).as("a POST marked idempotent is retried").isEqualTo(3);

        seen.clear();
        catchThrowableOfType(InternalCallException.class, () -> client.put(Quote.class, "/internal/unavailable", Map.of("a", 1)));
        catchThrowableOfType(InternalCallException.class, () -> client.delete(Quote.class, "/internal/unavailable"));
        assertThat(hitsOn("/internal/unavailable")).as("PUT and DELETE are retried").isEqualTo(6);
    }

    @Test
    void shouldNotRetryARefusal() {
        InternalCallException refused = catchThrowableOfType(InternalCallException.class,
                () -> credit(policy(3, 25)).get(Quote.class, "/internal/short"));

        assertThat(refused.status()).isEqualTo(402);
        assertThat(hitsOn("/internal/short")).as("a 4xx would be refused again").isEqualTo(1);
    }

    // ---- circuit breaker per target service ------------------------------------------------------------------------

    @Test
    void shouldOpenTheCircuitAfterRepeatedFailuresAndStopSendingCalls() {
        InternalClient client = credit(policy(1, 25));
        for (int i = 0; i < 4; i++) {
            assertThat(catchThrowableOfType(InternalCallException.class,
                    () -> client.get(Quote.class, "/internal/broken")).status()).isEqualTo(502);
        }
        assertThat(hitsOn("/internal/broken")).isEqualTo(4);

        InternalCallException open = catchThrowableOfType(InternalCallException.class,
                () -> client.get(Quote.class, "/internal/quote"));

        assertThat(open.unavailable()).as("callers treat it like the service being down").isTrue();
        assertThat(open.status()).isZero();
        assertThat(open.getMessage()).isEqualTo("credit is failing (circuit open): GET /internal/quote not sent");
        assertThat(hitsOn("/internal/quote")).as("nothing was sent to a failing service").isZero();
    }

    @Test
    void shouldKeepTheCircuitClosedWhenTheServiceRefusesRequests() {
        InternalClient client = credit(policy(1, 25));
        for (int i = 0; i < 6; i++) {
            assertThat(catchThrowableOfType(InternalCallException.class,
                    () -> client.post(Quote.class, "/internal/short", Map.of())).status()).isEqualTo(402);
        }

        assertThat(client.get(Quote.class, "/internal/quote")).as("a 4xx is an answer, not a failure").isEqualTo(new Quote(2, 5));
        assertThat(hitsOn("/internal/short")).isEqualTo(6);
    }

    // ---- bulkhead ----------------------------------------------------------------------------------------------

    @Test
    void shouldRefuseACallAtOnceWhileTooManyToTheSameServiceAreInFlight() throws Exception {
        InternalClient client = credit(policy(1, 1));
        CompletableFuture<Quote> slow = CompletableFuture.supplyAsync(() -> client.get(Quote.class, "/internal/slow"), threads);
        assertThat(slowCallArrived.await(5, TimeUnit.SECONDS)).isTrue();

        InternalCallException full = catchThrowableOfType(InternalCallException.class,
                () -> client.get(Quote.class, "/internal/quote"));

        assertThat(slow).as("refused while the call in flight still runs (2 s): not queued behind it").isNotDone();
        assertThat(full.unavailable()).isTrue();
        assertThat(full.getMessage()).isEqualTo("credit has too many calls in flight: GET /internal/quote not sent");
        assertThat(hitsOn("/internal/quote")).isZero();
        assertThat(slow.get(5, TimeUnit.SECONDS)).as("the call in flight is not disturbed").isEqualTo(new Quote(1, 1));
        assertThat(client.get(Quote.class, "/internal/quote")).as("room again once it is done").isEqualTo(new Quote(2, 5));
    }

    // ---- deadlines -----------------------------------------------------------------------------------------------

    @Test
    void shouldTellTheServiceCalledWhenItsCallerStopsWaiting() {
        long before = System.currentTimeMillis();
        credit().get(Quote.class, "/internal/quote");
        long own = Long.parseLong(deadlines.get(0));
        assertThat(own).as("no deadline of its own: the read timeout (5 s)").isBetween(before + 4_900, System.currentTimeMillis() + 5_000);

        Instant callersDeadline = Instant.now().plusMillis(1_500);
        try (Deadline.Scope ignored = Deadline.enter(callersDeadline)) {
            credit().get(Quote.class, "/internal/quote");
        }
        assertThat(Long.parseLong(deadlines.get(1))).as("never later than the caller's own deadline")
                .isLessThanOrEqualTo(callersDeadline.toEpochMilli()).isGreaterThan(callersDeadline.toEpochMilli() - 500);
    }

    @Test
    void shouldWaitNoLongerThanTheTimeLeftBeforeTheCallersDeadline() {
        InternalClient client = credit(policy(3, 25));
        InternalCallException late;
        try (Deadline.Scope ignored = Deadline.enter(Instant.now().plusMillis(300))) {
            late = catchThrowableOfType(InternalCallException.class, () -> client.get(Quote.class, "/internal/slow"));
        }

        // the answer comes after 2 s, well within the 5 s read timeout: only the 300 ms left can have cut the wait
        assertThat(late).as("gave up when the caller's time ran out").isNotNull();
        assertThat(late.timedOut()).isTrue();
        assertThat(hitsOn("/internal/slow")).as("a timeout is not retried").isEqualTo(1);
    }

    @Test
    void shouldNotSendACallOnceTheCallersDeadlineHasPassed() {
        InternalClient client = credit(policy(3, 25));
        InternalCallException expired;
        try (Deadline.Scope ignored = Deadline.enter(Instant.now().minusMillis(1))) {
            expired = catchThrowableOfType(InternalCallException.class, () -> client.get(Quote.class, "/internal/quote"));
        }

        assertThat(expired.timedOut()).isTrue();
        assertThat(expired.getMessage()).contains("deadline", "not sent");
        assertThat(seen).as("no work for a caller that gave up").isEmpty();
        assertThat(client.get(Quote.class, "/internal/quote")).as("outside that work, calls go on").isEqualTo(new Quote(2, 5));
    }

    @Test
    void shouldSendTheServiceTokenAndTheCorrelationIdAndReadTheAnswerTyped() {
        MDC.put(CorrelationId.MDC_KEY, "flow-9");
        Quote quote = credit().get(Quote.class, "/internal/quote?user_id={u}", "u-1");

        assertThat(quote).isEqualTo(new Quote(2, 5));
        assertThat(seen.get(0).getRequestURI().toString()).isEqualTo("/internal/quote?user_id=u-1");
        assertThat(authorizations.get(0)).startsWith("Bearer ").isNotEqualTo("Bearer null");
        assertThat(correlationIds.get(0)).isEqualTo("flow-9");
    }

    @Test
    void shouldDecodeTheErrorEnvelopeOfARefusal() {
        InternalCallException refused = catchThrowableOfType(InternalCallException.class,
                () -> credit().post(Quote.class, "/internal/short", Map.of("user_id", "u-1")));

        assertThat(refused.service()).isEqualTo("credit");
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(refused.errorMessage()).isEqualTo("Not enough credits: 2 needed, 1 available");
        assertThat(refused.details()).containsEntry("required", 2).containsEntry("available", 1);
        assertThat(refused.is(402, "INSUFFICIENT_CREDITS")).isTrue();
        assertThat(refused.unavailable()).as("a refusal is an answer").isFalse();
        assertThat(refused.getMessage()).isEqualTo("credit answered POST /internal/short with 402 INSUFFICIENT_CREDITS")
                .doesNotContain("Not enough");
    }

    @Test
    void shouldReportAnErrorThatIsNotTheEnvelopeByItsStatusAlone() {
        InternalCallException broken = catchThrowableOfType(InternalCallException.class,
                () -> credit().get(Quote.class, "/internal/broken"));

        assertThat(broken.status()).isEqualTo(502);
        assertThat(broken.code()).isNull();
        assertThat(broken.details()).isEmpty();
        assertThat(broken.unavailable()).isTrue();
        assertThat(broken.getMessage()).doesNotContain("html");
    }

    @Test
    void shouldReturnNullForAnEmptyAnswer() {
        assertThat(credit().post(Void.class, "/internal/empty", null)).isNull();
        assertThat(credit().get(Quote.class, "/internal/empty")).isNull();
    }

    @Test
    void shouldReportAServiceThatCannotBeReachedAsUnavailable() {
        InternalClient nobody = TestInternalClients.client("credit", "http://127.0.0.1:" + ServiceProcess.freePort(), Duration.ofSeconds(5));

        InternalCallException down = catchThrowableOfType(InternalCallException.class,
                () -> nobody.get(Quote.class, "/internal/quote"));

        assertThat(down.status()).isZero();
        assertThat(down.unavailable()).isTrue();
        assertThat(down.timedOut()).isFalse();
        assertThat(down.getMessage()).isEqualTo("credit could not be reached for GET /internal/quote");
    }

    @Test
    void shouldGiveUpOnAServiceThatDoesNotAnswerWithinTheReadTimeout() throws IOException {
        // the kernel accepts connections into the backlog; nobody ever reads or answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InternalClient hung = TestInternalClients.client("credit", "http://127.0.0.1:" + silent.getLocalPort(),
                    Duration.ofMillis(300));

            InternalCallException late = catchThrowableOfType(InternalCallException.class,
                    () -> hung.get(Quote.class, "/internal/quote"));

            assertThat(late.status()).isZero();
            assertThat(late.timedOut()).isTrue();
            assertThat(late.unavailable()).isTrue();
        }
    }

    @Test
    void shouldRefuseAServiceThatIsNotConfigured() {
        InternalClients clients = new InternalClients(RestClient.builder(), null, new InternalServicesProperties(Map.of()));

        assertThatThrownBy(() -> clients.client("payment"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("waqup.services.payment.url");
    }
}
