package com.waqup.user.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import com.waqup.common.events.Events;
import com.waqup.common.test.Http;
import com.waqup.common.test.OtlpCollector;
import com.waqup.common.test.OtlpCollector.ReceivedSpan;
import com.waqup.common.test.ServiceITSupport;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace from the edge to a consumer, exported over OTLP: a request that arrives with the gateway's
 * {@code traceparent} registers a person; the server span continues the caller's trace, the outbox relay sends
 * {@code user.registered} to RabbitMQ inside the same trace, and a listener (any service's consumer, here one in the
 * test) receives it in that trace too. Every span reaches a real OTLP/HTTP endpoint, and the JSON log lines carry the
 * trace id next to the correlation id. This context exports traces (the others do not), so it is its own context.
 */
@Import(TracingIT.Consumer.class)
@ExtendWith(OutputCaptureExtension.class)
class TracingIT extends ServiceITSupport {

    static final OtlpCollector COLLECTOR = OtlpCollector.start();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void exportTraces(DynamicPropertyRegistry registry) {
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", COLLECTOR::endpoint);
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "200ms");
        registry.add("waqup.tracing.log-spans", () -> "true");
    }

    @AfterAll
    static void stopCollector() {
        COLLECTOR.close();
    }

    @TestConfiguration
    static class Consumer {

        static final Logger log = LoggerFactory.getLogger(Consumer.class);
        static final Map<String, String> TRACE_BY_USER = new ConcurrentHashMap<>();

        static final String QUEUE = "user.test.tracing-probe";

        @Bean
        Queue tracingProbeQueue() {
            return new Queue(QUEUE, false, false, true);
        }

        @Bean
        Binding tracingProbeBinding(Queue tracingProbeQueue) {
            return BindingBuilder.bind(tracingProbeQueue).to(new TopicExchange(Events.EXCHANGE, true, false))
                    .with("user.registered");
        }

        /** Only what this consumer reads of the event. */
        record Seen(String type, Map<String, Object> data) {
        }

        private final Tracer tracer;

        Consumer(Tracer tracer) {
            this.tracer = tracer;
        }

        @RabbitListener(queues = QUEUE)
        void on(Seen event) {
            log.info("tracing probe received {}", event.type());
            TRACE_BY_USER.put(String.valueOf(event.data().get("user_id")),
                    tracer.currentSpan() == null ? "none" : tracer.currentSpan().context().traceId());
        }
    }

    @Test
    void shouldKeepOneTraceFromTheIncomingRequestThroughTheOutboxAndRabbitMqToTheConsumer(CapturedOutput output) {
        HexFormat hex = HexFormat.of();
        String traceId = hex.formatHex(randomBytes(16));
        String gatewaySpanId = hex.formatHex(randomBytes(8));
        String email = "trace." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        Http.Response r = Http.post(url("/api/v1/auth/register"),
                "{\"email\":\"" + email + "\",\"password\":\"calm-river-" + UUID.randomUUID().toString().substring(0, 6) + "\"}",
                "Content-Type", "application/json", "traceparent", "00-" + traceId + "-" + gatewaySpanId + "-01",
                "X-Correlation-Id", "trace-it-1");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String userId = r.json().path("user").path("id").asString();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Consumer.TRACE_BY_USER).containsEntry(userId, traceId));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ReceivedSpan> trace = COLLECTOR.trace(traceId);
            assertThat(trace).extracting(ReceivedSpan::service).containsOnly("user-service");
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
                assertThat(s.parentSpanId()).as("the server span is the gateway's child").isEqualTo(gatewaySpanId);
            });
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
                assertThat(s.name()).contains(Events.EXCHANGE);
            });
            assertThat(trace).anySatisfy(s -> assertThat(s.kind()).isEqualTo(SpanKind.SPAN_KIND_CONSUMER));
        });
        assertThat(output.getOut().lines().filter(l -> l.contains("io.opentelemetry.exporter.logging")))
                .as("waqup.tracing.log-spans: the spans are in the service's own log too")
                .anySatisfy(line -> assertThat(line).contains(traceId));
        assertThat(output.getOut().lines().filter(l -> l.contains("tracing probe received")))
                .as("the consumer's JSON log line carries the trace id and the correlation id")
                .anySatisfy(line -> {
                    JsonNode json = JSON.readTree(line);
                    assertThat(json.toString()).contains(traceId).contains("trace-it-1");
                });
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros (an invalid id)
        return b;
    }
}
