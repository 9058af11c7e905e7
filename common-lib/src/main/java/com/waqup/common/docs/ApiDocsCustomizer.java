package com.waqup.common.docs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.waqup.common.paging.PageQuery;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.method.HandlerMethod;

/**
 * Makes each service's OpenAPI document say what the wire does (docs/platform.md, "API documents"):
 * <ul>
 * <li>operations grouped by domain ({@link ApiDocsProperties#tags()}), each group with its sentence, never by
 * controller class;</li>
 * <li>a {@link PageQuery} parameter documented as the {@code page} and {@code limit} query parameters it binds;</li>
 * <li>every operation's error responses (the envelope, with an example) referenced from the document's components:
 * 400, 401/403 where a token is needed, 404 where the path names a resource, 429, 500 and 503;</li>
 * <li>the bearer scheme required everywhere except on this service's public paths
 * ({@code waqup.security.public-paths}), so Swagger UI's "Authorize" applies a token to "Try it out".</li>
 * </ul>
 */
final class ApiDocsCustomizer implements OpenApiCustomizer, OperationCustomizer {

    static final String BEARER = "bearer_auth";
    private static final String API_PREFIX = "/api/v1/";

    private final ApiDocsProperties properties;
    private final List<String> publicPaths;
    private final AntPathMatcher matcher = new AntPathMatcher();

    ApiDocsCustomizer(ApiDocsProperties properties, List<String> publicPaths) {
        this.properties = properties;
        this.publicPaths = publicPaths;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        for (MethodParameter parameter : handlerMethod.getMethodParameters()) {
            if (PageQuery.class.equals(parameter.getParameterType())) {
                operation.addParametersItem(new Parameter().in("query").name("page").required(false)
                        .description("Page number, from 1").schema(new IntegerSchema().minimum(BigDecimal.ONE)
                                ._default(PageQuery.DEFAULT_PAGE)));
                operation.addParametersItem(new Parameter().in("query").name("limit").required(false)
                        .description("Items per page, 1 to " + PageQuery.MAX_LIMIT).schema(new IntegerSchema()
                                .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(PageQuery.MAX_LIMIT))
                                ._default(PageQuery.DEFAULT_LIMIT)));
            }
        }
        return operation;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Map<String, Tag> used = new LinkedHashMap<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> {
                boolean open = publicPaths.stream().anyMatch(p -> matcher.match(p, path));
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                    Operation operation = entry.getValue();
                    Tag tag = tagFor(path);
                    used.putIfAbsent(tag.getName(), tag);
                    operation.setTags(new ArrayList<>(List.of(tag.getName())));
                    operation.setSecurity(open ? new ArrayList<>() : null);
                    addErrors(operation, path, open);
                    jsonOnly(operation.getResponses());
                }
            });
        }
        openApi.setTags(new ArrayList<>(used.values()));
        openApi.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
    }

    private Tag tagFor(String path) {
        for (ApiDocsProperties.Tag tag : properties.tags()) {
            if (tag.paths().stream().anyMatch(pattern -> matcher.match(pattern, path))) {
                return new Tag().name(tag.name()).description(tag.description());
            }
        }
        String rest = path.startsWith(API_PREFIX) ? path.substring(API_PREFIX.length()) : path.replaceFirst("^/", "");
        String segment = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        String name = segment.isEmpty() ? "API" : Character.toUpperCase(segment.charAt(0)) + segment.substring(1).toLowerCase(Locale.ROOT);
        return new Tag().name(name).description("Operations under " + API_PREFIX + segment + ".");
    }

    private static void addErrors(Operation operation, String path, boolean open) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        add(responses, "400", ApiErrors.BAD_REQUEST);
        if (!open) {
            add(responses, "401", ApiErrors.UNAUTHORIZED);
            add(responses, "403", ApiErrors.FORBIDDEN);
        }
        if (path.contains("{")) {
            add(responses, "404", ApiErrors.NOT_FOUND);
        }
        add(responses, "429", ApiErrors.TOO_MANY_REQUESTS);
        add(responses, "500", ApiErrors.INTERNAL_ERROR);
        add(responses, "503", ApiErrors.SERVICE_UNAVAILABLE);
        operation.setResponses(responses);
    }

    private static void add(ApiResponses responses, String status, String component) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + component));
        }
    }

    /** Bodies are JSON: a {@code *}{@code /*} media type (springdoc's guess for a record) becomes application/json. */
    private static void jsonOnly(ApiResponses responses) {
        if (responses == null) {
            return;
        }
        responses.values().forEach(response -> {
            Content content = response.getContent();
            if (content != null && content.containsKey("*/*")) {
                MediaType any = content.remove("*/*");
                content.putIfAbsent(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, any);
            }
        });
    }
}
