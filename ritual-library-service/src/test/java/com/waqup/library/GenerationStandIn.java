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
 * Stands in for content-generation-service's {@code POST /internal/revoices} in the library's ITs (the real service
 * is exercised by the gateway flow IT): records each request and answers with the documented shape (201
 * {@code {job_id, ritual_id, version, status, estimated_time, cost}}), or with a refusal a test set for an item.
 */
public final class GenerationStandIn {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final GenerationStandIn INSTANCE = new GenerationStandIn();

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

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
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "stop-generation-stand-in"));
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
