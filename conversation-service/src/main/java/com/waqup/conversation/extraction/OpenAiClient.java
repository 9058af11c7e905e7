package com.waqup.conversation.extraction;

import com.waqup.common.http.VendorException;
import com.waqup.common.llm.LlmProperties;
import com.waqup.common.http.VendorHttp;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's Chat Completions API ({@code POST /v1/chat/completions}) with Structured Outputs: the schema goes in
 * {@code response_format} as a strict {@code json_schema}, temperature 0, and the answer is the JSON text in
 * {@code choices[0].message.content}. A refusal ({@code message.refusal}) or a cut-off answer
 * ({@code finish_reason: length}) is malformed. Works with any server that speaks this API (set the base URL).
 */
final class OpenAiClient implements LlmClient {

    static final String PATH = "/v1/chat/completions";

    private final VendorHttp http;
    private final JsonMapper json;
    private final String apiKey;
    private final String model;

    OpenAiClient(VendorHttp http, JsonMapper json, LlmProperties.OpenAi config) {
        this.http = http;
        this.json = json;
        this.apiKey = config.apiKey();
        this.model = config.model();
    }

    @Override
    public String provider() {
        return LlmProperties.Provider.OPENAI.code();
    }

    @Override
    public JsonNode completeJson(String system, String user, StructuredOutput output) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        ObjectNode format = body.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode schema = format.putObject("json_schema");
        schema.put("name", output.name());
        schema.put("description", output.description());
        schema.put("strict", true);
        schema.set("schema", output.schema());
        body.put("temperature", 0);

        String response = http.postJson(PATH, h -> h.setBearerAuth(apiKey), json.writeValueAsString(body));
        return answer(response);
    }

    private JsonNode answer(String response) {
        try {
            JsonNode choice = json.readTree(response).path("choices").path(0);
            JsonNode message = choice.path("message");
            if (message.hasNonNull("refusal")) {
                throw VendorException.malformed("the model refused to answer");
            }
            if ("length".equals(choice.path("finish_reason").asString(""))) {
                throw VendorException.malformed("the answer was cut off");
            }
            JsonNode content = message.path("content");
            if (!content.isString()) {
                throw VendorException.malformed("the response has no choices[0].message.content");
            }
            JsonNode answer = json.readTree(content.stringValue());
            if (!answer.isObject()) {
                throw VendorException.malformed("the content is not a JSON object");
            }
            return answer;
        } catch (JacksonException e) {
            throw VendorException.malformed("the response or its content is not JSON");
        }
    }
}
