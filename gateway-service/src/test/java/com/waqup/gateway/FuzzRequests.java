package com.waqup.gateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated requests for an OpenAPI operation, from a seeded {@link Random} (a failure names its seed and request, so it
 * can be replayed): path and query values that are right, wrong in type, out of range, empty, huge, or carry text
 * Postgres cannot store; bodies built from the operation's schema with some fields wrong, missing, null or unknown, or
 * bodies that are not JSON at all; odd headers. Roughly half of them are well formed enough to reach the handler.
 */
final class FuzzRequests {

    record Request(String method, String pathAndQuery, String contentType, String body, List<String> headers) {

        @Override
        public String toString() {
            String shown = body == null ? "" : " body=" + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
            return method + " " + (pathAndQuery.length() > 300 ? pathAndQuery.substring(0, 300) + "…" : pathAndQuery)
                    + " [" + contentType + "] " + headers + shown;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String[] ODD_TEXT = { "", " ", "\u0000", "a\u0000b", "\ud800", "'; DROP TABLE users; --", "<script>alert(1)</script>",
            "☃ caf\u00e9 \u202e", "../../etc/passwd", "%00", "null", "-1", "1e309", "𝓦𝓪𝓺𝓾𝓹", "\n\r\t" };

    private static final String[] ODD_PATH = { "0", "-1", "abc", "null", "00000000-0000-0000-0000-000000000000",
            "9999999999999999999999", "%E2%98%83", "a%20b", "x".repeat(300), "%2e" };

    private final Random random;
    private final List<String> knownIds;

    FuzzRequests(long seed, List<String> knownIds) {
        this.random = new Random(seed);
        this.knownIds = knownIds;
    }

    Request next(OpenApiOperations.Operation op, JsonNode document) {
        String path = op.path();
        for (String name : op.pathParameters()) {
            path = path.replace("{" + name + "}", pathValue());
        }
        StringBuilder query = new StringBuilder();
        for (OpenApiOperations.Parameter p : op.parameters()) {
            if (!"query".equals(p.in()) || (!p.required() && random.nextInt(3) == 0)) {
                continue;
            }
            appendQuery(query, p.name(), scalarText(p.schema()));
        }
        if (random.nextInt(8) == 0) {
            appendQuery(query, pick("limit", "page", "offset", "sort", "cursor", "q", "unknown"), pick(ODD_TEXT));
        }
        List<String> headers = new ArrayList<>();
        if (random.nextInt(6) == 0) {
            headers.addAll(List.of("Idempotency-Key", pick(UUID.randomUUID().toString(), "", "k".repeat(300), "not a key ☃")));
        }
        if (random.nextInt(8) == 0) {
            headers.addAll(List.of("Accept", pick("text/html", "application/xml", "*/*", "image/png")));
        }
        if (random.nextInt(8) == 0) {
            headers.addAll(List.of("X-Correlation-Id", pick("c".repeat(500), "bad id\u00e9", "", UUID.randomUUID().toString())));
        }
        String contentType = null;
        String body = null;
        if (op.bodySchema() != null || (!"GET".equals(op.method()) && !"DELETE".equals(op.method()) && random.nextInt(4) == 0)) {
            contentType = random.nextInt(10) == 0 ? pick("text/plain", "application/xml", "application/x-www-form-urlencoded")
                    : (op.bodyMediaType() != null ? op.bodyMediaType() : "application/json");
            body = body(op.bodySchema(), document);
        }
        String target = path + (query.isEmpty() ? "" : "?" + query);
        return new Request(op.method(), target, contentType, body, headers);
    }

    private String body(JsonNode schema, JsonNode document) {
        return switch (random.nextInt(12)) {
            case 0 -> pick("{", "[]", "null", "\"text\"", "{\"a\":", "42", "{}", "{\"a\":1,\"a\":2}", "\u0000", "[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]");
            case 1 -> "{\"" + "k".repeat(64) + "\":\"" + "v".repeat(random.nextInt(200_000)) + "\"}";
            default -> JSON.writeValueAsString(value(schema, document, 0));
        };
    }

    private JsonNode value(JsonNode schema, JsonNode document, int depth) {
        JsonNode s = OpenApiOperations.resolve(document, schema == null ? NODES.objectNode() : schema);
        if (random.nextInt(10) == 0 || depth > 4) {
            return wrong();
        }
        if (s.has("allOf") || s.has("oneOf") || s.has("anyOf")) {
            JsonNode parts = s.has("allOf") ? s.path("allOf") : s.has("oneOf") ? s.path("oneOf") : s.path("anyOf");
            return parts.isEmpty() ? NODES.objectNode() : value(parts.get(random.nextInt(parts.size())), document, depth + 1);
        }
        String type = s.path("type").asString(s.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Iterator<String> names = s.path("properties").propertyNames().iterator();
                while (names.hasNext()) {
                    String name = names.next();
                    if (random.nextInt(8) != 0) { // sometimes a field, required or not, is missing
                        object.set(name, value(s.path("properties").path(name), document, depth + 1));
                    }
                }
                if (random.nextInt(10) == 0) {
                    object.put("unknown_field", pick(ODD_TEXT));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int n = random.nextInt(10) == 0 ? 200 + random.nextInt(300) : random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.add(value(s.path("items"), document, depth + 1));
                }
                return array;
            }
            case "integer", "number" -> {
                return switch (random.nextInt(6)) {
                    case 0 -> NODES.numberNode(-1);
                    case 1 -> NODES.numberNode(Long.MAX_VALUE);
                    case 2 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
                    case 3 -> NODES.numberNode(1.5);
                    default -> NODES.numberNode(random.nextInt(120));
                };
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                return NODES.stringNode(stringValue(s));
            }
        }
    }

    private JsonNode wrong() {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextInt());
            case 2 -> NODES.objectNode().put("nested", pick(ODD_TEXT));
            case 3 -> NODES.arrayNode().add(pick(ODD_TEXT));
            case 4 -> NODES.booleanNode(true);
            default -> NODES.stringNode(pick(ODD_TEXT));
        };
    }

    private String stringValue(JsonNode s) {
        JsonNode enumeration = s.path("enum");
        if (!enumeration.isEmpty() && random.nextInt(3) != 0) {
            return enumeration.get(random.nextInt(enumeration.size())).asString();
        }
        String format = s.path("format").asString("");
        return switch (random.nextInt(5)) {
            case 0 -> pick(ODD_TEXT);
            case 1 -> "s".repeat(random.nextInt(20_000));
            default -> switch (format) {
                case "uuid" -> random.nextBoolean() && !knownIds.isEmpty() ? knownIds.get(random.nextInt(knownIds.size()))
                        : UUID.randomUUID().toString();
                case "date-time" -> pick("2026-12-07T10:00:00Z", "yesterday", "2026-13-45T99:99:99Z", "0000-01-01T00:00:00Z");
                case "date" -> pick("2026-12-07", "2026-02-30", "tomorrow");
                case "email" -> pick("fuzz-" + UUID.randomUUID() + "@example.com", "not-an-email", "a@b");
                case "uri" -> pick("https://example.com/x", "javascript:alert(1)", "http://127.0.0.1:1/", "not a uri");
                default -> pick("calm", "sleep", "a gentle evening practice", "Évening ☃", "x");
            };
        };
    }

    private String scalarText(JsonNode schema) {
        JsonNode s = schema == null ? NODES.objectNode() : schema;
        String type = s.path("type").asString("string");
        if (random.nextInt(4) == 0) {
            return pick(ODD_TEXT);
        }
        return switch (type) {
            case "integer", "number" -> pick("0", "1", "20", "100", "-5", "100000", "99999999999999999999", "1.5", "x");
            case "boolean" -> pick("true", "false", "maybe");
            case "array" -> pick("a,b", "calm", "");
            default -> stringValue(s);
        };
    }

    private String pathValue() {
        int roll = random.nextInt(10);
        if (roll < 4 && !knownIds.isEmpty()) {
            return knownIds.get(random.nextInt(knownIds.size()));
        }
        if (roll < 7) {
            return UUID.randomUUID().toString();
        }
        return pick(ODD_PATH);
    }

    private void appendQuery(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
