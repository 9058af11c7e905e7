package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * What a hostile or unlucky client meets at the edge: malformed and oversized requests, bodies over the limit however
 * they are sent, a service's non-JSON error, and the headers and health the public port shows. Every refusal is the
 * seed's envelope and none is a 5xx.
 */
class EdgeHardeningIT extends GatewayITSupport {

    static Stream<Arguments> hostileRequests() {
        String filler16k = "f".repeat(16 * 1024);
        String filler64k = "f".repeat(64 * 1024);
        return Stream.of(
                arguments("a ; path parameter", "GET", "/api/v1/content/42;jsessionid=0A1B", new String[0], 400),
                arguments("a ; segment", "GET", "/api/v1/content;x=1/42", new String[0], 400),
                arguments("an encoded NUL", "GET", "/api/v1/content/%00", new String[0], 400),
                arguments("a double-encoded dot", "GET", "/api/v1/content/%252e%252e/etc", new String[0], 400),
                arguments("bytes that are not UTF-8", "GET", "/api/v1/content/%ff%fe", new String[0], 400),
                arguments("a broken escape", "GET", "/api/v1/content/%zz", new String[0], 400),
                arguments("TRACE", "TRACE", "/api/v1/content/42", new String[0], 405),
                arguments("a 5 KB path", "GET", "/api/v1/content/" + "a".repeat(5 * 1024), new String[0], 414),
                arguments("an 8 KB path", "GET", "/api/v1/content/" + "a".repeat(8 * 1024), new String[0], 414),
                arguments("a 16 KB header", "GET", "/api/v1/content/42", new String[] { "X-Filler", filler16k }, 431),
                arguments("a 64 KB header", "GET", "/api/v1/content/42", new String[] { "X-Filler", filler64k }, 431));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void shouldAnswerEveryHostileRequestWithTheEnvelopeAndNever5xx(String what, String method, String target, String[] extra,
            int expected) throws IOException {
        String token = TestTokens.shared().user(UUID.randomUUID());
        for (boolean withToken : new boolean[] { true, false }) {
            List<String> headers = new ArrayList<>(List.of(extra));
            if (withToken) {
                headers.addAll(List.of("Authorization", "Bearer " + token));
            }
            RawHttp.Answer answer = RawHttp.send(port, method, target, headers.toArray(String[]::new));
            assertThat(answer.status()).as("%s (token: %s): %s", what, withToken, answer.body()).isEqualTo(expected);
            assertThat(answer.header("Content-Type")).as(what).startsWith("application/json");
            JsonNode error = answer.json().path("error");
            assertThat(error.path("code").asString()).as(what).isNotBlank();
            assertThat(error.path("message").asString()).as(what).isNotBlank();
            assertThat(error.path("trace_id").asString()).as(what).isNotBlank();
            assertThat(answer.body()).as(what).doesNotContain("<html", "Exception", "at io.netty");
        }
    }

    @Test
    void shouldGiveAServicesHtmlOrEmptyErrorTheEnvelope() {
        Http.Response html = Http.get(url("/api/v1/content/x/html-error"), asUser("X-Correlation-Id", "html-1"));
        assertThat(html.status()).isEqualTo(400);
        assertThat(html.header("Content-Type")).startsWith("application/json");
        assertThat(html.json().path("error").path("code").asString()).isEqualTo("BAD_REQUEST");
        assertThat(html.json().path("error").path("trace_id").asString()).isEqualTo("html-1");
        assertThat(html.body()).doesNotContain("<html");

        Http.Response empty = Http.get(url("/api/v1/content/x/empty-error"), asUser());
        assertThat(empty.status()).isEqualTo(404);
        assertThat(empty.json().path("error").path("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void shouldRefuseABodyOverTheLimitByTheBytesReceivedEvenWhenChunked() {
        byte[] big = new byte[200 * 1024];
        Http.Response chunked = Http.postChunked(url("/api/v1/content/echo-body"), big, asUser("Content-Type", "application/json"));
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.json().path("error").path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(chunked.json().path("error").path("details").path("max_bytes").asLong()).isEqualTo(10 * 1024);

        Http.Response declared = Http.post(url("/api/v1/content/echo-body"), new String(big), asUser("Content-Type", "application/json"));
        assertThat(declared.status()).isEqualTo(413);

        Http.Response small = Http.postChunked(url("/api/v1/content/echo-body"), new byte[4 * 1024], asUser("Content-Type", "application/json"));
        assertThat(small.status()).as("a chunked body within the limit reaches the service whole").isEqualTo(200);
        assertThat(small.json().path("length").asInt()).isEqualTo(4 * 1024);
    }

    @Test
    void shouldLetAClientStillSendingItsBodyReadThe413InsteadOfAReset() throws IOException {
        String token = TestTokens.shared().user(UUID.randomUUID());
        for (int attempt = 0; attempt < 3; attempt++) {
            RawHttp.Answer answer = RawHttp.sendChunkedWithPause(port, "POST", "/api/v1/content/echo-body", 64 * 1024,
                    java.time.Duration.ofMillis(400), 256 * 1024, "Authorization", "Bearer " + token, "Content-Type", "application/json");
            assertThat(answer.status()).as("attempt %d: %s", attempt, answer.body()).isEqualTo(413);
            assertThat(answer.json().path("error").path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void shouldHandServicesTheClientAddressItEstablishedNeverOneTheClientClaims() {
        String marker = "xff-" + UUID.randomUUID();
        Http.get(url("/api/v1/credits/" + marker), asUser("X-Forwarded-For", "203.0.113.66, 10.20.30.40"));
        assertThat(DOWNSTREAMS.hitsOn(marker)).singleElement().satisfies(hit -> assertThat(hit.forwardedFor())
                .as("one entry: the trusted proxy's view of the client").containsExactly("10.20.30.40"));

        String direct = "xff-" + UUID.randomUUID();
        Http.get(url("/api/v1/credits/" + direct), asUser());
        assertThat(DOWNSTREAMS.hitsOn(direct)).singleElement().satisfies(hit -> assertThat(hit.forwardedFor())
                .as("no proxy in front: the TCP peer").containsExactly("127.0.0.1"));
    }

    @Test
    void shouldSendAContentSecurityPolicyForEachKindOfContentAndHstsOverTls() {
        Http.Response api = Http.get(url("/api/v1/credits/balance"), asUser());
        assertThat(api.header("Content-Security-Policy")).contains("default-src 'none'", "frame-ancestors 'none'");
        Http.Response error = Http.get(url("/api/v1/unknown"), asUser());
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.header("Content-Security-Policy")).contains("default-src 'none'");
        Http.Response ui = Http.get(url("/swagger-ui/index.html"), anonymous());
        assertThat(ui.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-eval");

        assertThat(api.header("Strict-Transport-Security")).as("plain HTTP: no HSTS").isNull();
        Http.Response overTls = Http.get(url("/api/v1/credits/balance"), asUser("X-Forwarded-Proto", "https"));
        assertThat(overTls.header("Strict-Transport-Security")).as("TLS ended at the trusted proxy")
                .isEqualTo("max-age=31536000; includeSubDomains");
    }

    @Test
    void shouldShowTheAnonymousOnlyTheHealthStatusAndKeepActuatorOffThePublicPort() {
        Http.Response health = Http.get(url("/actuator/health"));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().has("components")).isFalse();
        assertThat(health.body()).doesNotContain("diskSpace", "version", "path", "total");
        assertThat(Http.get(url("/actuator/prometheus"), as(TestTokens.shared().user(UUID.randomUUID(), "admin"))).status())
                .as("metrics are not served on the public port at all").isEqualTo(404);

        Http.Response details = Http.get("http://127.0.0.1:" + managementPort + "/actuator/health");
        assertThat(details.json().path("components").has("rateLimiting")).as("the management port shows details").isTrue();
        assertThat(Http.get("http://127.0.0.1:" + managementPort + "/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
    }
}
