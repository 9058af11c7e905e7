package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Authentication, roles, rate limits, CORS and size limits at the edge, with real tokens and real Redis. */
class GatewaySecurityIT extends GatewayITSupport {

    static final TestTokens TOKENS = TestTokens.shared();

    @Autowired
    ReactiveStringRedisTemplate redis;

    // ---- authentication --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "missing", "malformed", "expired", "tampered", "alg none", "unknown signer", "wrong issuer",
            "wrong audience", "service token" })
    void shouldRefuseEveryBadTokenWith401EnvelopeAndChallenge(String variant) {
        UUID id = UUID.randomUUID();
        String token = switch (variant) {
            case "missing" -> null;
            case "malformed" -> "abc.def";
            case "expired" -> TOKENS.sign(id.toString(), "waqup-api", List.of("user"), "free", "waqup", Duration.ofMinutes(-2));
            case "tampered" -> TestTokens.tampered(TOKENS.user(id));
            case "alg none" -> TestTokens.unsigned(id);
            case "unknown signer" -> TestTokens.signedByStranger(id);
            case "wrong issuer" -> TOKENS.sign(id.toString(), "waqup-api", List.of("user"), "free", "https://evil.example", Duration.ofMinutes(5));
            case "wrong audience" -> TOKENS.sign(id.toString(), "someone-else", List.of("user"), "free", "waqup", Duration.ofMinutes(5));
            // a service token is for one service's /internal routes, never for the gateway: refused like a stranger's
            default -> TOKENS.service("credit-service", "credit-service");
        };
        int before = DOWNSTREAMS.hits.size();
        Http.Response r = token == null ? Http.get(url("/api/v1/credits/balance")) : Http.get(url("/api/v1/credits/balance"), as(token));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(r.json().path("error").path("code").asString()).isIn("UNAUTHORIZED", "INVALID_TOKEN");
        assertThat(r.json().path("error").path("trace_id").asString()).isNotBlank();
        assertThat(DOWNSTREAMS.hits.size()).as("nothing reached the service").isEqualTo(before);
    }

    @Test
    void shouldFetchTheKeysAgainWhenATokenNamesAnUnknownKid() {
        assertThat(Http.get(url("/api/v1/credits/balance"), asUser()).status()).isEqualTo(200);
        TOKENS.rotate();
        Http.Response withNewKey = Http.get(url("/api/v1/credits/balance"), asUser());
        assertThat(withNewKey.status()).as("the JWKS was refreshed for the new kid").isEqualTo(200);
    }

    @Test
    void shouldRefuseTokensOfAnErasedAccountIssuedUpToTheRevocation() {
        UUID erased = UUID.randomUUID();
        String before = TOKENS.user(erased);
        assertThat(Http.get(url("/api/v1/credits/balance"), as(before)).status()).isEqualTo(200);
        // what user-service writes when the account is erased (docs/privacy.md): every token issued up to now is revoked
        redis.opsForValue().set("auth:revoked:" + erased, Long.toString(Instant.now().getEpochSecond()),
                Duration.ofSeconds(60)).block();
        Http.Response refused = Http.get(url("/api/v1/credits/balance"), as(before));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(Http.get(url("/api/v1/credits/balance"), asUser()).status()).as("anyone else is unaffected").isEqualTo(200);
    }

    @Test
    void shouldLetAnyoneWithAShareLinkReachOnlyTheSharedItemRoute() {
        Http.Response shared = Http.get(url("/api/v1/content/shared/some-share-token"));
        assertThat(shared.status()).as("no account needed to listen to a shared item").isEqualTo(200);
        assertThat(shared.json().path("service").asString()).isEqualTo("ritual-library-service");
        assertThat(Http.get(url("/api/v1/content/shared/some-share-token/audio")).status()).isEqualTo(200);
        assertThat(Http.get(url("/api/v1/content/shared/a/b")).status()).as("only the item and its audio").isEqualTo(401);
        assertThat(Http.get(url("/api/v1/content/" + UUID.randomUUID())).status()).isEqualTo(401);
        assertThat(Http.send("DELETE", url("/api/v1/content/shared/some-share-token"), null).status()).isEqualTo(401);
    }

    @Test
    void shouldKeepCreatorEndpointsForCreators() {
        Http.Response user = Http.get(url("/api/v1/creators/me/packs"), asUser());
        assertThat(user.status()).isEqualTo(403);
        assertThat(user.json().path("error").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(Http.get(url("/api/v1/creators/me"), asUser()).status()).isEqualTo(403);
        Http.Response creator = Http.get(url("/api/v1/creators/me/packs"), as(TOKENS.user(UUID.randomUUID(), "user", "creator")));
        assertThat(creator.status()).isEqualTo(200);
        assertThat(creator.json().path("service").asString()).isEqualTo("creator-service");
        Http.Response profile = Http.get(url("/api/v1/creators/" + UUID.randomUUID()), asUser());
        assertThat(profile.status()).as("a public creator profile, for anyone signed in").isEqualTo(200);
        assertThat(profile.json().path("service").asString()).isEqualTo("creator-service");
        assertThat(Http.get(url("/api/v1/creators/" + UUID.randomUUID())).status()).as("but not anonymously").isEqualTo(401);
        assertThat(Http.get(url("/actuator/prometheus"), asUser()).status()).as("metrics are for admins").isEqualTo(403);
    }

    @Test
    void shouldForwardTheVerifiedTokenAndStripClientIdentityHeaders() {
        String token = TOKENS.user(UUID.randomUUID());
        String path = "/api/v1/content/" + UUID.randomUUID();
        Http.Response r = Http.get(url(path), as(token, "X-User-Id", "someone-else", "X-Roles", "admin",
                "X-Authenticated-User", "admin@waqup", "X-Internal-Call", "true"));
        assertThat(r.status()).isEqualTo(200);
        Downstreams.Hit hit = DOWNSTREAMS.hitsOn(path).get(0);
        assertThat(hit.authorization()).isEqualTo("Bearer " + token);
        assertThat(hit.headerNames()).noneMatch(h -> h.toLowerCase().startsWith("x-user-") || h.equalsIgnoreCase("x-roles")
                || h.toLowerCase().startsWith("x-authenticated") || h.toLowerCase().startsWith("x-internal"));
    }

    // ---- WebSocket ----------------------------------------------------------------------------------------

    @Test
    void shouldRefuseTheWebSocketHandshakeWithoutAValidToken() {
        ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient();
        for (String query : new String[] { "", "?token=not-a-token", "?token=" + TestTokens.signedByStranger(UUID.randomUUID()) }) {
            assertThatThrownBy(() -> client.execute(URI.create("ws://127.0.0.1:" + port + "/ws/conversation" + query),
                    session -> session.send(Mono.just(session.textMessage("hi")))).block(Duration.ofSeconds(10)))
                    .as("handshake %s", query).hasMessageContaining("401");
        }
        List<String> received = new ArrayList<>();
        client.execute(URI.create("ws://127.0.0.1:" + port + "/ws/conversation?token=" + TOKENS.user(UUID.randomUUID())),
                session -> session.send(Mono.just(session.textMessage("hello")))
                        .thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(1).doOnNext(received::add)).then())
                .block(Duration.ofSeconds(10));
        assertThat(received).containsExactly("conversation-service echo: hello");
    }

    // ---- rate limits -----------------------------------------------------------------------------------

    @Test
    void shouldLimitAPersonWithoutThrottlingAnyoneElse() {
        String busy = TOKENS.user(UUID.randomUUID());
        String calm = TOKENS.user(UUID.randomUUID());
        Http.Response limited = null;
        for (int i = 0; i < 20 && limited == null; i++) {
            Http.Response r = Http.get(url("/api/v1/credits/balance"), as(busy));
            if (r.status() == 429) {
                limited = r;
            } else {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("X-RateLimit-Remaining")).isNotBlank();
            }
        }
        assertThat(limited).as("a free user's burst of 3 is exhausted").isNotNull();
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.json().path("error").path("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(Http.get(url("/api/v1/credits/balance"), as(calm)).status()).as("another person is unaffected").isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> Http.get(url("/api/v1/credits/balance"), as(busy)).status() == 200);
    }

    @Test
    void shouldGivePaidPeopleAHigherLimit() {
        String paid = TOKENS.paidUser(UUID.randomUUID());
        for (int i = 0; i < 10; i++) {
            assertThat(Http.get(url("/api/v1/credits/balance"), as(paid)).status()).isEqualTo(200);
        }
    }

    @Test
    void shouldLimitAnonymousSignInsPerClientIp() {
        String ip = randomIp();
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            if (Http.post(url("/api/v1/auth/login"), "{}", "X-Forwarded-For", ip, "Content-Type", "application/json").status() == 429) {
                limited++;
            }
        }
        assertThat(limited).isPositive();
        assertThat(Http.post(url("/api/v1/auth/login"), "{}", anonymous("Content-Type", "application/json")).status())
                .as("another address is unaffected").isEqualTo(200);
    }

    @Test
    void shouldKeepServingWithoutRedisAndSayRateLimitingIsFailOpen() {
        REDIS.cut();
        try {
            String token = TOKENS.user(UUID.randomUUID());
            for (int i = 0; i < 6; i++) {
                assertThat(Http.get(url("/api/v1/credits/balance"), as(token)).status()).as("fail-open").isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode health = Http.get(managementUrl("/actuator/health/readiness")).json();
                assertThat(health.path("status").asString()).isEqualTo("UP");
                assertThat(health.path("components").path("rateLimiting").path("details").path("mode").asString()).isEqualTo("fail-open");
            });
        } finally {
            REDIS.restore();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Http.get(managementUrl("/actuator/health/readiness")).json()
                .path("components").path("rateLimiting").path("details").path("mode").asString()).isEqualTo("enforcing"));
    }

    @Test
    void shouldLetRequestsThroughWhenRedisStallsInsteadOfHoldingThem() {
        String token = TOKENS.user(UUID.randomUUID());
        assertThat(Http.get(url("/api/v1/credits/balance"), as(token)).status()).isEqualTo(200);
        REDIS.pause(); // connected, but nothing comes back (a stalled or overloaded Redis): no error ever arrives
        try {
            Http.Response response = Http.get(url("/api/v1/credits/balance"), as(token));
            assertThat(response.status()).as("fail-open after the Redis command timeout (2 s), not held until the client gives up").isEqualTo(200);
            assertThat(response.header("X-RateLimit-Remaining")).as("no verdict was read").isEqualTo("-1");
        } finally {
            REDIS.resume();
        }
    }

    // ---- CORS and size -----------------------------------------------------------------------------------

    @Test
    void shouldAllowOnlyConfiguredOrigins() {
        Http.Response allowed = Http.send("OPTIONS", url("/api/v1/credits/balance"), null, "Origin", "https://app.waqup.test",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.waqup.test");
        Http.Response refused = Http.send("OPTIONS", url("/api/v1/credits/balance"), null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    }

    /**
     * A refused request whose rest the gateway never reads (an oversized body, request line or header block) still gets
     * its answer: the connection is closed only after the answer went out and the client had time to read it. Closing a
     * socket with unread bytes makes the kernel reset the connection, which can throw away the answer before the client
     * read it ("no bytes"), so refusals raced the client on a loaded machine. Raw sockets, many at once, so nothing
     * retries or hides a reset.
     */
    @Test
    void shouldDeliverEveryRefusalBeforeClosingTheConnection() throws Exception {
        String token = TOKENS.user(UUID.randomUUID());
        String body = "{\"text\":\"" + "a".repeat(200_000) + "\"}";
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < body.length(); i += 4096) {
            String part = body.substring(i, Math.min(body.length(), i + 4096));
            chunks.add(Integer.toHexString(part.length()) + "\r\n" + part + "\r\n");
        }
        Map<String, String> requests = Map.of(
                "413", "POST /api/v1/conversation/message HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
                "413 chunked", "POST /api/v1/conversation/message HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + String.join("", chunks) + "0\r\n\r\n",
                "414", "GET /api/v1/content?q=" + "s".repeat(100_000) + " HTTP/1.1\r\nHost: gw\r\n\r\n",
                "431", "GET /api/v1/credits/balance HTTP/1.1\r\nHost: gw\r\nIdempotency-Key: " + "k".repeat(100_000) + "\r\n\r\n");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (Map.Entry<String, String> request : requests.entrySet()) {
                    answers.add(pool.submit(() -> request.getKey() + " -> " + statusLine(request.getValue())));
                }
            }
            for (Future<String> answer : answers) {
                String outcome = answer.get(60, TimeUnit.SECONDS);
                String expected = outcome.substring(0, 3);
                assertThat(outcome).as("every refusal arrives whole").endsWith(" -> HTTP/1.1 " + expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Sends the first 12,000 bytes of {@code request} (past every limit), waits until the gateway's answer has arrived,
     * sends the rest (as a client streaming its request does), then reads the status line.
     */
    private String statusLine(String request) throws IOException {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            String sent = "";
            try {
                socket.getOutputStream().write(bytes, 0, 12_000);
                socket.getOutputStream().flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> socket.getInputStream().available() > 0);
                socket.getOutputStream().write(bytes, 12_000, bytes.length - 12_000);
                socket.getOutputStream().flush();
            } catch (IOException refusedMidway) {
                sent = " (could not send the rest: " + refusedMidway.getMessage() + ")";
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String line;
            try {
                line = in.readLine();
            } catch (SocketException reset) {
                return "reset before the answer was read: " + reset.getMessage() + sent;
            }
            return line == null ? "closed without an answer" + sent : line.substring(0, Math.min(12, line.length())) + sent;
        }
    }

    /**
     * A request too long to decode that comes on a kept-alive connection right after an answer is refused like any
     * other, with the envelope, instead of leaving the connection hanging (as Reactor Netty's own refusal does now and
     * then when the exchange before it is not tidied up yet). Many connections at once, each: a quick answer, then at
     * once the oversized request line or header block.
     */
    @Test
    void shouldRefuseAnUndecodableRequestThatFollowsAnAnswerOnTheSameConnection() throws Exception {
        List<String> refused = List.of(
                "414 GET /api/v1/catalog/packs?price_type=" + "s".repeat(6_000) + " HTTP/1.1\r\nHost: gw\r\n\r\n",
                "431 GET /api/v1/credits/balance HTTP/1.1\r\nHost: gw\r\nX-Note: " + "k".repeat(9_000) + "\r\n\r\n");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                String before = i % 2 == 0 ? "GET /actuator/health HTTP/1.1\r\nHost: gw\r\n\r\n"
                        : "GET /api/v1/credits/balance HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + TOKENS.user(UUID.randomUUID()) + "\r\n\r\n";
                String request = refused.get((i / 2) % 2);
                outcomes.add(pool.submit(() -> request.substring(0, 3) + " -> " + secondAnswer(before, request.substring(4))
                        + (before.contains("health") ? "" : " (after a routed request)")));
            }
            for (Future<String> outcome : outcomes) {
                String seen = outcome.get(60, TimeUnit.SECONDS);
                assertThat(seen).as("answered, with the envelope").startsWith(seen.substring(0, 3) + " -> " + seen.substring(0, 3) + " json");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** On one connection: sends {@code before} and reads its answer whole, then sends {@code request}: its status and type. */
    private String secondAnswer(String before, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            socket.getOutputStream().write(before.getBytes(StandardCharsets.ISO_8859_1));
            String head = readHead(in);
            in.readNBytes(contentLength(head));
            if (!head.startsWith("HTTP/1.1 200")) {
                return "first answer was " + head.lines().findFirst().orElse("");
            }
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            try {
                String answer = readHead(in);
                if (!answer.startsWith("HTTP/1.1 ")) {
                    return answer;
                }
                return answer.substring(9, 12) + (answer.toLowerCase().contains("content-type: application/json") ? " json" : " not json");
            } catch (java.net.SocketTimeoutException hung) {
                return "no answer in 10 s";
            }
        }
    }

    private static String readHead(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while (!head.toString().endsWith("\r\n\r\n")) {
            if ((c = in.read()) == -1) {
                return head.isEmpty() ? "closed without an answer" : "cut short: " + head;
            }
            head.append((char) c);
        }
        return head.toString();
    }

    private static int contentLength(String head) {
        return head.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring(15).trim())).findFirst().orElse(0);
    }

    @Test
    void shouldRefuseOversizedBodiesWith413() {
        String big = "{\"text\":\"" + "a".repeat(20_000) + "\"}";
        int before = DOWNSTREAMS.hits.size();
        Http.Response r = Http.post(url("/api/v1/conversation/message"), big, asUser("Content-Type", "application/json"));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("error").path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(DOWNSTREAMS.hits.size()).isEqualTo(before);
    }
}
