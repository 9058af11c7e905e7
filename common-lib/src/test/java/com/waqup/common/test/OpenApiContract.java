package com.waqup.common.test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * What a service's OpenAPI document must be for a client generated from it to work against the gateway: only public
 * routes, property names as on the wire (snake_case), no parameter for what the server resolves itself (the
 * authenticated person), operations grouped by domain (tags with a sentence, never a controller class), and the bearer
 * scheme declared and required. {@link #problems} lists every breach (empty: the document is right).
 */
public final class OpenApiContract {

    private static final Pattern WIRE_NAME = Pattern.compile("[a-z0-9_]+");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "options", "head", "trace");

    private OpenApiContract() {
    }

    /** Every way {@code document} (a parsed /v3/api-docs) breaks the contract; {@code publicPaths} need no token. */
    public static List<String> problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        JsonNode paths = document.path("paths");
        Set<String> declaredTags = new HashSet<>();
        for (JsonNode tag : document.path("tags")) {
            String name = tag.path("name").asString("");
            declaredTags.add(name);
            if (tag.path("description").asString("").isBlank()) {
                problems.add("tag '" + name + "' has no description");
            }
        }
        boolean bearerRequiredByDefault = requiresBearer(document.path("security"), document);
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            String name = path.getKey();
            if (name.startsWith("/internal") || name.equals("/error") || name.startsWith("/error/")) {
                problems.add("path " + name + " is not routed by the gateway");
            } else if (!name.startsWith("/api/")) {
                problems.add("path " + name + " is outside the public API (/api/**)");
            }
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String where = op.getKey().toUpperCase() + " " + name;
                JsonNode operation = op.getValue();
                checkParameters(where, operation.path("parameters"), problems);
                checkParameters(where, path.getValue().path("parameters"), problems);
                if (operation.path("tags").isEmpty()) {
                    problems.add(where + " has no tag");
                }
                for (JsonNode tag : operation.path("tags")) {
                    String tagName = tag.asString("");
                    if (tagName.endsWith("-controller") || tagName.matches("[a-z]+(-[a-z]+)+")) {
                        problems.add(where + " is grouped by a class name ('" + tagName + "'), not by domain");
                    }
                    if (!declaredTags.contains(tagName)) {
                        problems.add(where + " has tag '" + tagName + "' that the document does not declare with a description");
                    }
                }
                JsonNode security = operation.path("security");
                boolean open = security.isArray() && security.isEmpty();
                if (!open && !(security.isMissingNode() ? bearerRequiredByDefault : requiresBearer(security, document))) {
                    problems.add(where + " does not require the bearer scheme");
                }
                if (operation.path("responses").isEmpty()) {
                    problems.add(where + " describes no response");
                }
            }
        }
        if (bearerScheme(document) == null) {
            problems.add("no http bearer security scheme in components.securitySchemes");
        }
        checkPropertyNames("", document, problems);
        return problems;
    }

    private static void checkParameters(String where, JsonNode parameters, List<String> problems) {
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asString("");
            String ref = parameter.path("schema").path("$ref").asString("");
            if ("query".equals(parameter.path("in").asString("")) && !name.isEmpty() && !WIRE_NAME.matcher(name).matches()) {
                problems.add(where + " has query parameter '" + name + "', not a wire name");
            }
            if (name.equals("user") || ref.endsWith("/AuthenticatedUser")) {
                problems.add(where + " asks the client for the authenticated person as parameter '" + name + "'");
            }
            if (ref.endsWith("/PageQuery")) {
                problems.add(where + " has an object parameter '" + name + "' instead of page and limit");
            }
        }
    }

    /** Every key of a {@code properties} object anywhere in the document is a wire name. */
    private static void checkPropertyNames(String where, JsonNode node, List<String> problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("properties") && field.getValue().isObject()) {
                    for (String property : field.getValue().propertyNames()) {
                        if (!WIRE_NAME.matcher(property).matches()) {
                            problems.add("property '" + property + "' in " + where + " is not snake_case");
                        }
                    }
                }
                if (field.getKey().equals("example") || field.getKey().equals("examples")) {
                    continue;
                }
                checkPropertyNames(where + "/" + field.getKey(), field.getValue(), problems);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                checkPropertyNames(where, item, problems);
            }
        }
    }

    private static String bearerScheme(JsonNode document) {
        for (Map.Entry<String, JsonNode> scheme : document.path("components").path("securitySchemes").properties()) {
            if ("http".equals(scheme.getValue().path("type").asString("")) && "bearer".equalsIgnoreCase(scheme.getValue().path("scheme").asString(""))) {
                return scheme.getKey();
            }
        }
        return null;
    }

    private static boolean requiresBearer(JsonNode security, JsonNode document) {
        String bearer = bearerScheme(document);
        if (bearer == null) {
            return false;
        }
        for (JsonNode requirement : security) {
            if (requirement.has(bearer)) {
                return true;
            }
        }
        return false;
    }
}
