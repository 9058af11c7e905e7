package com.waqup.conversation.extraction;

import java.util.concurrent.TimeUnit;

import com.waqup.common.http.VendorException;
import com.waqup.common.llm.StructuredOutputClient;
import com.waqup.common.llm.StructuredPrompt;
import com.waqup.conversation.dialogue.ContentType;
import com.waqup.conversation.dialogue.DialogueState;
import com.waqup.conversation.dialogue.Extraction;
import com.waqup.conversation.dialogue.LexiconExtractor;
import com.waqup.conversation.dialogue.SlotExtractor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a message with an LLM (common-lib's {@link StructuredOutputClient}: this service's prompt, at temperature 0,
 * answers of at most {@value #MAX_TOKENS} tokens), checked and repaired by {@link ExtractionReader}, and falls back
 * to the offline {@link LexiconExtractor} whenever the vendor fails (timeout, HTTP error, refusal, malformed answer)
 * after its retries: the dialogue always gets an answer. Each fallback is logged as a warning (provider, reason,
 * HTTP status: never the API key or the person's message) and counted in {@code waqup.llm.fallbacks}.
 * <p>
 * Safety: {@code crisis} is the OR of the model's answer and the lexicon's crisis phrases. The model can raise a
 * crisis the lexicon does not see; it can never clear one the lexicon sees.
 */
public class LlmSlotExtractor implements SlotExtractor {

    static final String FALLBACKS = "waqup.llm.fallbacks";

    private static final Logger log = LoggerFactory.getLogger(LlmSlotExtractor.class);

    /** An extraction is a small object: this caps what a confused model may ramble. */
    static final int MAX_TOKENS = 512;

    private final StructuredOutputClient client;
    private final LexiconExtractor offline;
    private final JsonMapper json;
    private final MeterRegistry meters;

    LlmSlotExtractor(StructuredOutputClient client, LexiconExtractor offline, JsonMapper json, MeterRegistry meters) {
        this.client = client;
        this.offline = offline;
        this.json = json;
        this.meters = meters;
    }

    @Override
    public Extraction extract(String message, ContentType type, DialogueState state) {
        Extraction lexicon = offline.extract(message, type, state);
        Extraction llm;
        long started = System.nanoTime();
        try {
            llm = ExtractionReader.read(client.complete(new StructuredPrompt(ExtractionPrompt.SYSTEM,
                    ExtractionPrompt.user(json, message, type, state), ExtractionPrompt.OUTPUT, MAX_TOKENS, 0.0)));
        } catch (VendorException e) {
            latency("failure").record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return fallback(lexicon, e.reason().tag(), e.status(), e.getMessage());
        } catch (RuntimeException e) {
            latency("failure").record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            // never e.getMessage(): a library's message may quote the request
            return fallback(lexicon, "unexpected", 0, e.getClass().getName());
        }
        latency("success").record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return new Extraction(llm.slots(), llm.command(), llm.correction(), llm.crisis() || lexicon.crisis());
    }

    /** {@code waqup_llm_requests_seconds{provider, operation="extraction", outcome}}: the LLM vendor's latency. */
    private Timer latency(String outcome) {
        return Timer.builder("waqup.llm.requests").tag("provider", client.provider()).tag("operation", "extraction")
                .tag("outcome", outcome).description("Latency of the LLM vendor's slot extraction").register(meters);
    }

    private Extraction fallback(Extraction lexicon, String reason, int status, String detail) {
        log.warn("LLM extraction via {} failed ({}{}: {}); the offline extractor answers", client.provider(), reason,
                status == 0 ? "" : ", HTTP " + status, detail);
        Counter.builder(FALLBACKS)
                .description("messages the offline extractor read because the LLM vendor failed")
                .tag("provider", client.provider())
                .tag("reason", reason)
                .register(meters)
                .increment();
        return lexicon;
    }
}
