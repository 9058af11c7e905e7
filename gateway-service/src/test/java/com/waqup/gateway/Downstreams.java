package com.waqup.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Real HTTP (and WebSocket) servers standing in for the ten downstream services: each answers with its own
 * name, the path and the correlation id it received, and records every request, so routing is observable.
 */
final class Downstreams {

    static final List<String> SERVICES = List.of("user-service", "conversation-service", "content-generation-service",
            "audio-generation-service", "ritual-library-service", "credit-service", "creator-service",
            "catalog-service", "payment-service", "reward-service");

    record Hit(String service, String method, String uri, String correlationId, String authorization,
            Set<String> headerNames, List<String> forwardedFor, String deadline, String traceparent) {
    }

    private final Map<String, DisposableServer> servers = new LinkedHashMap<>();
    final List<Hit> hits = new CopyOnWriteArrayList<>();
    final Map<String, Integer> ports = new ConcurrentHashMap<>();

    Downstreams start() {
        for (String name : SERVICES) {
            DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                    .route(routes -> routes
                            .ws("/ws/conversation", (in, out) -> out.sendString(in.receive().asString().map(s -> name + " echo: " + s)))
                            .route(request -> true, (request, response) -> {
                                String correlation = request.requestHeaders().get("X-Correlation-Id");
                                hits.add(new Hit(name, request.method().name(), request.uri(), correlation,
                                        request.requestHeaders().get("Authorization"), request.requestHeaders().names(),
                                        request.requestHeaders().getAll("X-Forwarded-For"),
                                        request.requestHeaders().get("X-Request-Deadline"),
                                        request.requestHeaders().get("traceparent")));
                                if (request.uri().endsWith("/html-error")) { // what a servlet container answers on its own
                                    return response.status(400).header("Content-Type", "text/html;charset=utf-8")
                                            .sendString(Mono.just("<html><body><h1>HTTP Status 400 – Bad Request</h1></body></html>")).then();
                                }
                                if (request.uri().endsWith("/echo-body")) { // reads the whole body first, as a JSON service does
                                    return request.receive().aggregate().asString().defaultIfEmpty("")
                                            .flatMap(body -> response.header("Content-Type", "application/json")
                                                    .sendString(Mono.just("{\"length\":" + body.length() + "}")).then());
                                }
                                if (request.uri().endsWith("/empty-error")) {
                                    return response.status(404).send().then();
                                }
                                if (request.uri().endsWith("/boom")) {
                                    return response.status(500).header("Content-Type", "application/json")
                                            .sendString(Mono.just("{\"error\":{\"code\":\"INTERNAL_ERROR\"}}")).then();
                                }
                                String body = "{\"service\":\"" + name + "\",\"method\":\"" + request.method().name()
                                        + "\",\"uri\":\"" + request.uri() + "\",\"correlation_id\":\"" + correlation + "\"}";
                                // like every waQup service, echo the correlation id
                                return response.header("Content-Type", "application/json")
                                        .header("X-Correlation-Id", String.valueOf(correlation)).sendString(Mono.just(body)).then();
                            }))
                    .bindNow();
            servers.put(name, server);
            ports.put(name, server.port());
        }
        return this;
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    List<Hit> hitsOn(String uriPart) {
        return hits.stream().filter(h -> h.uri().contains(uriPart)).toList();
    }

    static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
