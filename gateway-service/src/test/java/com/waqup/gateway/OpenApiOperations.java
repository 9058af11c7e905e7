package com.waqup.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The operations a service's OpenAPI document declares, as the fuzzer and the authorization matrix read them: method,
 * path template, its parameters and the JSON schema of its body ({@code $ref}s resolved against the document).
 */
record OpenApiOperations(String service, JsonNode document, List<Operation> operations) {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    record Operation(String service, String method, String path, List<Parameter> parameters, JsonNode bodySchema,
            String bodyMediaType) {

        List<String> pathParameters() {
            List<String> names = new ArrayList<>();
            for (int at = path.indexOf('{'); at >= 0; at = path.indexOf('{', at + 1)) {
                names.add(path.substring(at + 1, path.indexOf('}', at)));
            }
            return names;
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + service + ")";
        }
    }

    static OpenApiOperations of(String service, JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (var path : document.path("paths").properties()) {
            for (var entry : path.getValue().properties()) {
                String method = entry.getKey().toLowerCase(Locale.ROOT);
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonNode op = entry.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    JsonNode resolved = resolve(document, p);
                    parameters.add(new Parameter(resolved.path("name").asString(), resolved.path("in").asString(),
                            resolved.path("required").asBoolean(false), resolve(document, resolved.path("schema"))));
                }
                JsonNode body = null;
                String mediaType = null;
                for (var content : resolve(document, op.path("requestBody")).path("content").properties()) {
                    mediaType = content.getKey();
                    body = resolve(document, content.getValue().path("schema"));
                    if (mediaType.contains("json")) {
                        break;
                    }
                }
                operations.add(new Operation(service, method.toUpperCase(Locale.ROOT), path.getKey(), parameters, body, mediaType));
            }
        }
        return new OpenApiOperations(service, document, operations);
    }

    /** Follows {@code $ref} ("#/components/schemas/X") until a node without one. */
    static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current != null && current.has("$ref"); i++) {
            String ref = current.path("$ref").asString();
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            current = target;
        }
        return current;
    }
}
