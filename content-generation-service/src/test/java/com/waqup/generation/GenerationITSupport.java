package com.waqup.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.Events;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.ServiceProcess;
import com.waqup.common.test.TestTokens;
import com.waqup.generation.script.ScriptWriter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The base of this module's ITs (besides the contract IT): the real application against the real infrastructure
 * and the real credit-service ({@link UsesRealCreditService}). Subclasses add no configuration, so every IT of the
 * module shares one context and one credit-service process.
 */
public abstract class GenerationITSupport extends ServiceITSupport implements UsesRealCreditService {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    /** The events this service publishes, as seen on the broker (one probe queue per test JVM). */
    private static final List<JsonNode> SEEN = new CopyOnWriteArrayList<>();
    private static volatile String probeQueue;

    @Autowired
    protected RabbitTemplate rabbit;
    @Autowired
    protected AmqpAdmin amqp;
    @Autowired
    protected JdbcTemplate jdbc;
    /**
     * The real script writer (the composer), spied so that a test can make one job's writer fail (see
     * {@code ContentGenerationServiceIT}, which declares the same spy so that every IT keeps one context).
     */
    @MockitoSpyBean
    protected ScriptWriter scriptWriter;

    @BeforeEach
    void listenToPublishedEvents() {
        if (probeQueue == null) {
            synchronized (SEEN) {
                if (probeQueue == null) {
                    AnonymousQueue queue = new AnonymousQueue();
                    amqp.declareQueue(queue);
                    TopicExchange events = new TopicExchange(Events.EXCHANGE, true, false);
                    for (String key : new String[] { "audio.requested", "generation.#", "content.ready" }) {
                        amqp.declareBinding(BindingBuilder.bind(queue).to(events).with(key));
                    }
                    probeQueue = queue.getName();
                }
            }
        }
    }

    /** Every event of {@code type} about {@code jobId} published so far, in order. */
    protected List<JsonNode> published(String type, UUID jobId) {
        Message message;
        while ((message = rabbit.receive(probeQueue)) != null) {
            SEEN.add(JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8)));
        }
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode event : SEEN) {
            if (type.equals(event.path("type").asString()) && jobId.toString().equals(event.path("data").path("job_id").asString())) {
                found.add(event);
            }
        }
        return found;
    }

    /** The first event of {@code type} about {@code jobId}, waiting for it. */
    protected JsonNode awaitPublished(String type, UUID jobId) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> published(type, jobId), l -> !l.isEmpty()).getFirst();
    }

    /** What audio-generation-service would publish: an event on the real broker. */
    protected EventEnvelope<Map<String, Object>> publishAsAudioService(String type, Map<String, Object> data) {
        EventEnvelope<Map<String, Object>> event = EventEnvelope.of(type, data);
        rabbit.convertAndSend(Events.EXCHANGE, type, event);
        return event;
    }

    protected void republish(EventEnvelope<?> event) {
        rabbit.convertAndSend(Events.EXCHANGE, event.type(), event);
    }

    /** A service token for this service's internal API (every scope a caller holds here). */
    protected static String serviceToken() {
        return bearer(TestTokens.shared().internalApi("content-generation-service"));
    }

    /** A service token for credit-service's internal API: the test arranges and reads credits there. */
    protected static String creditsToken() {
        return bearer(TestTokens.shared().internalApi("credit-service"));
    }

    protected static String userToken(UUID user) {
        return bearer(TestTokens.shared().user(user));
    }

    protected static ServiceProcess credits() {
        return CreditServiceProcess.get();
    }

    protected static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** {@code POST /internal/generations} as conversation-service sends it. */
    protected Http.Response createJob(String sessionId, UUID user, String contentType, Object request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", sessionId);
        body.put("user_id", user == null ? null : user.toString());
        body.put("content_type", contentType);
        body.put("request", request);
        return Http.post(url("/internal/generations"), json(body), "Content-Type", "application/json",
                "Authorization", serviceToken());
    }

    protected static String newSession() {
        return "session-" + UUID.randomUUID();
    }

    // ---- credit-service, as other services reach it ------------------------------------------------------

    /** A new person with {@code credits} available in credit-service. */
    protected static UUID personWithCredits(int credits) {
        UUID person = UUID.randomUUID();
        grant(person, credits);
        return person;
    }

    /** Gives a person credits (credit-service's internal grant, once per call). */
    protected static void grant(UUID user, int amount) {
        Http.Response granted = Http.post(credits().url("/internal/credits/grants"),
                json(Map.of("user_id", user.toString(), "amount", amount, "reason", "test",
                        "idempotency_key", UUID.randomUUID().toString())),
                "Content-Type", "application/json", "Authorization", creditsToken());
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
    }

    /** What the person can spend now, according to credit-service. */
    protected static int available(UUID user) {
        Http.Response balance = Http.get(credits().url("/internal/credits/balances/" + user), "Authorization", creditsToken());
        assertThat(balance.status()).as(balance.body()).isEqualTo(200);
        return balance.json().path("available").asInt();
    }

    /** credit-service's hold of a job (404 if there is none). */
    protected static Http.Response hold(UUID jobId) {
        return Http.get(credits().url("/internal/credits/holds/" + jobId), "Authorization", creditsToken());
    }

    protected static Http.Response creditsPost(String path, Object body) {
        return Http.post(credits().url(path), json(body), "Content-Type", "application/json", "Authorization", creditsToken());
    }

    protected static JsonNode tree(String json) {
        return JSON.readTree(json);
    }
}
