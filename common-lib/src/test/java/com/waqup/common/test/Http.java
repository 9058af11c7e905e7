package com.waqup.common.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests that talk to a real running server, as any client of the platform would. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Http() {
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    public static Response get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    public static Response post(String url, String body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    /** A POST whose body is streamed without a Content-Length (chunked), as a client that does not know its size sends it. */
    /**
     * A chunked POST on a connection of its own: a pooled keep-alive connection the server has just closed would fail a
     * POST (which the JDK client never retries) with "header parser received no bytes", whatever the server answers.
     */
    public static Response postChunked(String url, byte[] body, String... headers) {
        return send(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), HttpRequest.newBuilder(URI.create(url)).version(HttpClient.Version.HTTP_1_1)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))), headers);
    }

    public static Response send(String method, String url, String body, String... headers) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(URI.create(url)).method(method, publisher), headers);
    }

    /**
     * Requests sent from another local address ({@code 127.0.0.2}, {@code 127.0.0.3}: all of 127/8 is this machine), so
     * a server sees them as different clients, each with its own TCP peer address.
     */
    public static From from(String localAddress) {
        try {
            return new From(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .localAddress(InetAddress.getByName(localAddress)).build());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(localAddress, e);
        }
    }

    /** A client bound to one local address. */
    public record From(HttpClient client) {

        public Response send(String method, String url, String body, String... headers) {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body);
            return Http.send(client, HttpRequest.newBuilder(URI.create(url)).method(method, publisher), headers);
        }

        public Response get(String url, String... headers) {
            return Http.send(client, HttpRequest.newBuilder(URI.create(url)).GET(), headers);
        }

        public Response post(String url, String body, String... headers) {
            return Http.send(client, HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
        }
    }

    private static Response send(HttpRequest.Builder builder, String... headers) {
        return send(CLIENT, builder, headers);
    }

    private static Response send(HttpClient client, HttpRequest.Builder builder, String... headers) {
        builder.timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
