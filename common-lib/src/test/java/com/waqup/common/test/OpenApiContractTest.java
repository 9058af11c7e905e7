package com.waqup.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI contract check itself: it passes a right document and names each kind of defect in a wrong one. */
class OpenApiContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String GOOD = """
            {"openapi":"3.1.0",
             "tags":[{"name":"Credits","description":"Your balance and its history."}],
             "security":[{"bearer_auth":[]}],
             "paths":{
               "/api/v1/credits/balance":{"get":{"tags":["Credits"],"responses":{"200":{"description":"OK"}}}},
               "/api/v1/auth/login":{"post":{"tags":["Credits"],"security":[],"responses":{"200":{"description":"OK"}},
                 "parameters":[{"name":"page","in":"query","schema":{"type":"integer"}}]}}},
             "components":{"securitySchemes":{"bearer_auth":{"type":"http","scheme":"bearer"}},
               "schemas":{"Balance":{"type":"object","properties":{"free_tier_used":{"type":"boolean"},
                 "last":{"type":"object","properties":{"balance_after":{"type":"integer"}}}}}}}}
            """;

    @Test
    void shouldAcceptADocumentThatMatchesTheWire() {
        assertThat(OpenApiContract.problems(JSON.readTree(GOOD))).isEmpty();
    }

    @Test
    void shouldNameCamelCasePropertiesAnywhereInTheSchemas() {
        JsonNode doc = JSON.readTree(GOOD.replace("balance_after", "balanceAfter"));
        assertThat(OpenApiContract.problems(doc)).singleElement().asString().contains("balanceAfter");
    }

    @Test
    void shouldNameTheAuthenticatedPersonAsAParameter() {
        JsonNode doc = JSON.readTree(GOOD.replace("{\"name\":\"page\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"}}",
                "{\"name\":\"user\",\"in\":\"query\",\"schema\":{\"$ref\":\"#/components/schemas/AuthenticatedUser\"}}"));
        assertThat(OpenApiContract.problems(doc)).singleElement().asString().contains("authenticated person");
    }

    @Test
    void shouldNameInternalAndErrorPaths() {
        JsonNode doc = JSON.readTree(GOOD.replace("\"/api/v1/credits/balance\"", "\"/internal/users/{userId}/export\"")
                .replace("\"/api/v1/auth/login\"", "\"/error\""));
        assertThat(OpenApiContract.problems(doc)).hasSize(2).allMatch(p -> p.contains("not routed by the gateway"));
    }

    @Test
    void shouldNameControllerClassTagsAndUndeclaredTags() {
        JsonNode doc = JSON.readTree(GOOD.replace("\"tags\":[\"Credits\"],\"responses\"", "\"tags\":[\"credit-controller\"],\"responses\""));
        assertThat(OpenApiContract.problems(doc)).anyMatch(p -> p.contains("class name"))
                .anyMatch(p -> p.contains("does not declare"));
    }

    @Test
    void shouldNameAMissingBearerScheme() {
        JsonNode doc = JSON.readTree(GOOD.replace("\"bearer_auth\":{\"type\":\"http\",\"scheme\":\"bearer\"}", "\"key\":{\"type\":\"apiKey\"}"));
        assertThat(OpenApiContract.problems(doc)).anyMatch(p -> p.contains("no http bearer security scheme"))
                .anyMatch(p -> p.contains("does not require the bearer scheme"));
    }
}
