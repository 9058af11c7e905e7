package com.waqup.library;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for content-generation-service's {@code POST /internal/revoices} and {@code POST /internal/personalizations}
 * and for user-service's {@code GET /internal/users/{id}} in the library's ITs (the real services are exercised by
 * the gateway flow ITs): records each request and answers with the documented shape (201
 * {@code {job_id, ritual_id, version, status, estimated_time, cost}}; the profile's {@code preferences}), or with a
 * refusal a test set for an item or a person. A person without preferences set here is user-service's 404.
 */
public final class GenerationStandIn {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final GenerationStandIn INSTANCE = new GenerationStandIn();

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
    private final List<JsonNode> personalizations = new CopyOnWriteArrayList<>();
    private final Map<String, Refusal> personalizationRefusals = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> preferences = new ConcurrentHashMap<>();

    record Refusal(int status, String body) {
    }

    private GenerationStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "generation-stand-in");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/internal/revoices", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(request);
            String content = request.path("content_id").asString();
            Refusal refusal = refusals.get(content);
            int status = refusal == null ? 201 : refusal.status();
            String body = refusal != null ? refusal.body() : JSON.writeValueAsString(Map.of(
                    "job_id", jobId(UUID.fromString(content), request.path("version").asInt()).toString(),
                    "ritual_id", content, "version", request.path("version").asInt(), "status", "voicing",
                    "estimated_time", 7, "cost", request.path("voice_id").asString("").contains(":") ? 2 : 0));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.createContext("/internal/personalizations", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            personalizations.add(request);
            Refusal refusal = personalizationRefusals.get(request.path("user_id").asString());
            UUID job = personalizationJobId(UUID.fromString(request.path("personalization_id").asString()));
            String body = refusal != null ? refusal.body() : JSON.writeValueAsString(Map.of("job_id", job.toString(),
                    "ritual_id", job.toString(), "status", "queued", "estimated_time", 30,
                    "cost", "guided_meditation".equals(request.path("content_type").asString()) ? 2 : 1));
            answer(exchange, refusal == null ? 201 : refusal.status(), body);
        });
        server.createContext("/internal/users/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/internal/users/".length());
            Map<String, Object> prefs = preferences.get(id);
            answer(exchange, prefs == null ? 404 : 200, JSON.writeValueAsString(prefs == null
                    ? Map.of("error", Map.of("code", "USER_NOT_FOUND", "message", "not found", "details", Map.of()))
                    : Map.of("id", id, "preferences", prefs)));
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "stop-generation-stand-in"));
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The job (and new item) id the stand-in gives a personalization. */
    public static UUID personalizationJobId(UUID personalizationId) {
        return UUID.nameUUIDFromBytes(("stand-in-personalize:" + personalizationId).getBytes(StandardCharsets.UTF_8));
    }

    /** The personalizations the library asked for on behalf of {@code user}, oldest first. */
    public List<JsonNode> personalizationsFor(UUID user) {
        return personalizations.stream().filter(r -> r.path("user_id").asString().equals(user.toString())).toList();
    }

    /** Personalizations for {@code user} are refused with this status and error envelope ({@code null}: accepted again). */
    public void refusePersonalizations(UUID user, Integer status, String code, String message) {
        if (status == null) {
            personalizationRefusals.remove(user.toString());
            return;
        }
        personalizationRefusals.put(user.toString(), new Refusal(status, JSON.writeValueAsString(
                Map.of("error", Map.of("code", code, "message", message, "details", Map.of("required", 2, "available", 0))))));
    }

    /** user-service's profile of {@code user} has these preferences. */
    public void prefer(UUID user, String voiceId, String pace) {
        Map<String, Object> prefs = new java.util.LinkedHashMap<>();
        prefs.put("voice_id", voiceId);
        prefs.put("pace", pace);
        preferences.put(user.toString(), prefs);
    }

    public static GenerationStandIn get() {
        return INSTANCE;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The job id the stand-in gives a re-voice of {@code content} to {@code version}. */
    public static UUID jobId(UUID content, int version) {
        return UUID.nameUUIDFromBytes(("stand-in:" + content + ":" + version).getBytes(StandardCharsets.UTF_8));
    }

    /** What the library sent for an item, oldest first. */
    public List<JsonNode> requestsFor(UUID content) {
        return requests.stream().filter(r -> r.path("content_id").asString().equals(content.toString())).toList();
    }

    /** Re-voices of {@code content} are refused with this status and error envelope. */
    public void refuse(UUID content, int status, String code, String message) {
        refusals.put(content.toString(), new Refusal(status, JSON.writeValueAsString(
                Map.of("error", Map.of("code", code, "message", message, "details", Map.of("required", 2, "available", 0))))));
    }
}
