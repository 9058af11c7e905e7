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
    /** Short enough to keep the suite fast, long enough for a loaded CI machine to answer a local WireMock. */
    static final Duration TIMEOUT = Duration.ofMillis(3000); // 1 s was exceeded by a first, cold call at load average 16 (a retry, 2 requests)
    static final int SLOW_MILLIS = 6000;

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

    static VendorHttp http(String baseUrl) {
        return new VendorHttp(RestClient.builder(), "vendor", baseUrl, TIMEOUT, 2, Duration.ofMillis(10));
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
