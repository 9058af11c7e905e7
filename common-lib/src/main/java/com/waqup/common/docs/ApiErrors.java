package com.waqup.common.docs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The error envelope, the error responses that use it and the bearer scheme, as OpenAPI components. */
final class ApiErrors {

    static final String ENVELOPE = "Error";
    static final String BAD_REQUEST = "BadRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String NOT_FOUND = "NotFound";
    static final String TOO_MANY_REQUESTS = "TooManyRequests";
    static final String INTERNAL_ERROR = "InternalError";
    static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";

    private ApiErrors() {
    }

    static Components components() {
        Components components = new Components()
                .addSecuritySchemes(ApiDocsCustomizer.BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT").description("The access token from POST /api/v1/auth/login (or register, refresh): "
                                + "Authorization: Bearer <token>. It lives 15 minutes; refresh it with the refresh token."))
                .addSchemas(ENVELOPE, envelopeSchema());
        components.addResponses(BAD_REQUEST, response("The request is invalid: a field, a parameter or the JSON itself",
                "VALIDATION_FAILED", "The request has invalid fields", Map.of("fields", Map.of("title", "must not be blank")), false));
        components.addResponses(UNAUTHORIZED, response("No access token, or one that is invalid, expired or revoked "
                + "(WWW-Authenticate: Bearer)", "INVALID_TOKEN", "The access token is invalid or expired", Map.of(), false));
        components.addResponses(FORBIDDEN, response("The token is valid but does not allow this (a role is missing)",
                "FORBIDDEN", "You are not allowed to do this", Map.of(), false));
        components.addResponses(NOT_FOUND, response("No such resource, or it belongs to someone else (never a 403 that would "
                + "confirm it exists)", "NOT_FOUND", "The requested resource was not found", Map.of(), false));
        components.addResponses(TOO_MANY_REQUESTS, response("Over the rate limit (at the gateway, per person or per client "
                + "address); wait Retry-After seconds", "RATE_LIMITED", "Too many requests; retry in 1 second(s)",
                Map.of("retry_after", 1), true));
        components.addResponses(INTERNAL_ERROR, response("Something failed unexpectedly; the trace_id finds it in the logs",
                "INTERNAL_ERROR", "An unexpected error occurred", Map.of(), false));
        components.addResponses(SERVICE_UNAVAILABLE, response("A dependency is not answering; repeat after Retry-After seconds",
                "SERVICE_UNAVAILABLE", "The service is temporarily unavailable", Map.of("retry_after", 5), true));
        return components;
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema envelopeSchema() {
        Schema body = new ObjectSchema()
                .addProperty("code", new StringSchema().description("Machine-readable error code").example("VALIDATION_FAILED"))
                .addProperty("message", new StringSchema().description("A sentence for people; never internals"))
                .addProperty("details", new ObjectSchema().description("More about the error, e.g. fields: {name: problem}")
                        .additionalProperties(true))
                .addProperty("trace_id", new StringSchema().description("The request's correlation id (X-Correlation-Id)"));
        body.setRequired(List.of("code", "message", "details", "trace_id"));
        Schema envelope = new ObjectSchema().addProperty("error", body)
                .description("The error envelope of every 4xx and 5xx answer");
        envelope.setRequired(List.of("error"));
        return envelope;
    }

    private static ApiResponse response(String description, String code, String message, Map<String, Object> details,
            boolean retryAfter) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("details", details);
        error.put("trace_id", "3f2b8c1e-5d7a-4c1b-9e0f-2a6d4b8c7e91");
        ApiResponse response = new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_JSON_VALUE, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + ENVELOPE)).example(Map.of("error", error))));
        if (retryAfter) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before repeating the request")
                    .schema(new IntegerSchema()));
        }
        return response;
    }
}
