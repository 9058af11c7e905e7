package com.waqup.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.ServiceProcess;
import com.waqup.common.test.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The base of this module's ITs (besides the contract IT): the real application against the real infrastructure
 * and the real credit-service ({@link UsesRealCreditService}). Subclasses add no configuration, so every IT of the
 * module shares one context and one credit-service process.
 */
public abstract class GenerationITSupport extends ServiceITSupport implements UsesRealCreditService {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    /** What conversation-service presents when it calls this service. */
    protected static String serviceToken() {
        return bearer(TestTokens.shared().service("conversation-service"));
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
        Map<String, Object> body = new java.util.LinkedHashMap<>();
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
                "Content-Type", "application/json", "Authorization", serviceToken());
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
    }

    /** What the person can spend now, according to credit-service. */
    protected static int available(UUID user) {
        Http.Response balance = Http.get(credits().url("/internal/credits/balances/" + user), "Authorization", serviceToken());
        assertThat(balance.status()).as(balance.body()).isEqualTo(200);
        return balance.json().path("available").asInt();
    }

    /** credit-service's hold of a job (404 if there is none). */
    protected static Http.Response hold(UUID jobId) {
        return Http.get(credits().url("/internal/credits/holds/" + jobId), "Authorization", serviceToken());
    }

    protected static Http.Response creditsPost(String path, Object body) {
        return Http.post(credits().url(path), json(body), "Content-Type", "application/json", "Authorization", serviceToken());
    }

    protected static JsonNode tree(String json) {
        return JSON.readTree(json);
    }
}
