package com.waqup.catalog.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Elasticsearch's REST API in JSON, through Boot's low-level client ({@code spring.elasticsearch.uris}): the catalog's
 * queries are JSON documents it builds itself (docs/catalog.md), so a thin call beats the typed client here.
 * A non-2xx answer is an {@link ElasticsearchException} carrying the status.
 */
@Component
class Elasticsearch {

    private final Rest5Client client;
    private final JsonMapper json;

    Elasticsearch(Rest5Client client, JsonMapper json) {
        this.client = client;
        this.json = json;
    }

    JsonNode call(String method, String endpoint, Object body) {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setJsonEntity(body instanceof String s ? s : json.writeValueAsString(body));
        }
        return read(perform(request));
    }

    /** A bulk request: {@code ndjson} lines, each ending with a newline. */
    JsonNode bulk(String endpoint, String ndjson) {
        Request request = new Request("POST", endpoint);
        request.setEntity(new StringEntity(ndjson, ContentType.create("application/x-ndjson", StandardCharsets.UTF_8)));
        JsonNode answer = read(perform(request));
        if (answer.path("errors").asBoolean(false)) {
            for (JsonNode item : answer.path("items")) {
                JsonNode result = item.values().iterator().next();
                if (result.has("error") && result.path("status").asInt() != 404) {
                    throw new ElasticsearchException(result.path("status").asInt(), "bulk item failed: " + result.path("error"));
                }
            }
        }
        return answer;
    }

    /** The HTTP status of {@code method endpoint} (404 when missing), never an exception for 4xx. */
    int status(String method, String endpoint) {
        try {
            return client.performRequest(new Request(method, endpoint)).getStatusCode();
        } catch (ResponseException e) {
            return e.getResponse().getStatusCode();
        } catch (IOException e) {
            throw new ElasticsearchException(0, method + " " + endpoint + ": " + e.getMessage());
        }
    }

    private Response perform(Request request) {
        try {
            return client.performRequest(request);
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusCode();
            String body = "";
            try (InputStream in = e.getResponse().getEntity().getContent()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException ignored) {
                // the status says enough
            }
            throw new ElasticsearchException(status, request.getMethod() + " " + request.getEndpoint() + " → " + status
                    + " " + (body.length() > 500 ? body.substring(0, 500) : body));
        } catch (IOException e) {
            throw new ElasticsearchException(0, request.getMethod() + " " + request.getEndpoint() + ": " + e.getMessage());
        }
    }

    private JsonNode read(Response response) {
        if (response.getEntity() == null) {
            return json.createObjectNode();
        }
        try (InputStream in = response.getEntity().getContent()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new ElasticsearchException(response.getStatusCode(), "unreadable answer: " + e.getMessage());
        }
    }

    /** Elasticsearch refused or could not be reached ({@code status} 0). */
    static class ElasticsearchException extends RuntimeException {

        private final int status;

        ElasticsearchException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
