package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.waqup.common.test.Http;
import com.waqup.common.test.OtlpCollector;
import com.waqup.common.test.OtlpCollector.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway starts the trace a request keeps across the platform: its server span and its client span to the
 * service are exported over OTLP, and the service receives a W3C {@code traceparent} naming that trace and the
 * gateway's client span as parent. (Its continuation in a service, through the outbox and RabbitMQ to a consumer,
 * is user-service's TracingIT.) This context exports traces with every request sampled, so it is its own context.
 */
class GatewayTracingIT extends GatewayITSupport {

    static final OtlpCollector COLLECTOR = OtlpCollector.start();

    @DynamicPropertySource
    static void exportTraces(DynamicPropertyRegistry registry) {
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", COLLECTOR::endpoint);
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "200ms");
        registry.add("management.tracing.sampling.probability", () -> "1.0");
    }

    @AfterAll
    static void stopCollector() {
        COLLECTOR.close();
    }

    @Test
    void shouldStartATraceAtTheEdgeAndHandItToTheServiceInTraceparent() {
        Http.Response response = Http.get(url("/api/v1/credits/balance?traced=1"), asUser());
        assertThat(response.status()).as(response.body()).isEqualTo(200);

        Downstreams.Hit hit = DOWNSTREAMS.hitsOn("/api/v1/credits/balance?traced=1").getFirst();
        // flags: 01 sampled, plus 02 when the trace id is random (W3C Trace Context level 2)
        assertThat(hit.traceparent()).as("W3C trace context reaches the service").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[13]");
        String traceId = hit.traceparent().split("-")[1];
        String parentSpanId = hit.traceparent().split("-")[2];

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ReceivedSpan> trace = COLLECTOR.trace(traceId);
            assertThat(trace).extracting(ReceivedSpan::service).containsOnly("gateway-service");
            assertThat(trace).anySatisfy(s -> assertThat(s.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER));
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
                assertThat(s.spanId()).as("the service's parent is the gateway's call to it").isEqualTo(parentSpanId);
            });
        });
    }

    @Test
    void shouldContinueTheClientsTraceWithoutPassingItsSpanOn() {
        String clientTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String clientSpan = "00f067aa0ba902b7";
        Http.Response response = Http.get(url("/api/v1/credits/balance?traced=2"),
                asUser("traceparent", "00-" + clientTrace + "-" + clientSpan + "-01"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);

        Downstreams.Hit hit = DOWNSTREAMS.hitsOn("/api/v1/credits/balance?traced=2").getFirst();
        assertThat(hit.traceparent()).as("the client's trace, with the gateway's own span as the service's parent")
                .startsWith("00-" + clientTrace + "-").endsWith("-01").doesNotContain(clientSpan);
    }
}
