package com.waqup.conversation.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.waqup.common.http.VendorHttp;
import com.waqup.common.llm.StructuredOutputClient;
import com.waqup.conversation.dialogue.Extraction;
import com.waqup.conversation.dialogue.LexiconExtractor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Shared by the vendor tests: fixtures from src/test/resources/llm, short timeouts, and a few assertions. */
final class LlmFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Long enough for a loaded CI machine to answer a local WireMock: 3 s was exceeded by a cold call at load average 8
     * (a timeout, then a retry: two requests where the test expects one). Only the timeout test waits for a timeout,
     * with {@link #SHORT_TIMEOUT}.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** The timeout test's client: a vendor slower than this is given up on. */
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(1500);
    /** The slow vendor's delay, well past {@link #SHORT_TIMEOUT} (timers fire on time under load, answers do not). */
    static final int SLOW_MILLIS = 4000;

    private LlmFixtures() {
    }

    static String fixture(String path) {
        try (InputStream in = LlmFixtures.class.getResourceAsStream("/llm/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture llm/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VendorHttp http(String baseUrl, Duration timeout) {
        return new VendorHttp(RestClient.builder(), "vendor", baseUrl, timeout, 2, Duration.ofMillis(10));
    }

    static LlmSlotExtractor extractor(StructuredOutputClient client, MeterRegistry meters) {
        return new LlmSlotExtractor(client, new LexiconExtractor(), JSON, meters);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static double fallbacks(MeterRegistry meters, String provider, String reason) {
        Counter counter = meters.find(LlmSlotExtractor.FALLBACKS).tag("provider", provider).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    static double allFallbacks(MeterRegistry meters) {
        return meters.find(LlmSlotExtractor.FALLBACKS).counters().stream().mapToDouble(Counter::count).sum();
    }

    static void assertSame(Extraction actual, Extraction expected) {
        assertThat(actual.slots().toContext()).isEqualTo(expected.slots().toContext());
        assertThat(actual.command()).isEqualTo(expected.command());
        assertThat(actual.correction()).isEqualTo(expected.correction());
        assertThat(actual.crisis()).isEqualTo(expected.crisis());
    }
}
