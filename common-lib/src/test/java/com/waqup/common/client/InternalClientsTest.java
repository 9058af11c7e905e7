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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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

    @BeforeEach
    void otherService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
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
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        correlationIds.add(String.valueOf(exchange.getRequestHeaders().getFirst(CorrelationId.HEADER)));
    }

    private InternalClient credit() {
        return TestInternalClients.client("credit", "http://127.0.0.1:" + server.getAddress().getPort() + "/", Duration.ofSeconds(5));
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
