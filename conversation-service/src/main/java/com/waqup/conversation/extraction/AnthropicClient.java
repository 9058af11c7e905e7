package com.waqup.conversation.extraction;

import com.waqup.common.http.VendorException;
import com.waqup.common.llm.LlmProperties;
import com.waqup.common.http.VendorHttp;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}) with structured output through tool use: the schema is the
 * {@code input_schema} of one tool, {@code tool_choice} forces the model to call exactly that tool, and the answer
 * is the {@code input} of the {@code tool_use} content block (an object, not text to parse). Authentication is the
 * {@code x-api-key} header, the API version the {@code anthropic-version} header.
 */
final class AnthropicClient implements LlmClient {

    static final String PATH = "/v1/messages";
    static final int MAX_TOKENS = 512;

    private final VendorHttp http;
    private final JsonMapper json;
    private final String apiKey;
    private final String model;
    private final String version;

    AnthropicClient(VendorHttp http, JsonMapper json, LlmProperties.Anthropic config) {
        this.http = http;
        this.json = json;
        this.apiKey = config.apiKey();
        this.model = config.model();
        this.version = config.version();
    }

    @Override
    public String provider() {
        return LlmProperties.Provider.ANTHROPIC.code();
    }

    @Override
    public JsonNode completeJson(String system, String user, StructuredOutput output) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.put("max_tokens", MAX_TOKENS);
        body.put("temperature", 0);
        body.put("system", system);
        body.putArray("messages").addObject().put("role", "user").put("content", user);
        ObjectNode tool = body.putArray("tools").addObject();
        tool.put("name", output.name());
        tool.put("description", output.description());
        tool.set("input_schema", output.schema());
        body.putObject("tool_choice").put("type", "tool").put("name", output.name());

        String response = http.postJson(PATH, h -> {
            h.set("x-api-key", apiKey);
            h.set("anthropic-version", version);
        }, json.writeValueAsString(body));
        return answer(response, output.name());
    }

    private JsonNode answer(String response, String toolName) {
        JsonNode message;
        try {
            message = json.readTree(response);
        } catch (JacksonException e) {
            throw VendorException.malformed("the response is not JSON");
        }
        if ("max_tokens".equals(message.path("stop_reason").asString(""))) {
            throw VendorException.malformed("the answer was cut off");
        }
        for (JsonNode block : message.path("content")) {
            if ("tool_use".equals(block.path("type").asString("")) && toolName.equals(block.path("name").asString(""))) {
                JsonNode input = block.path("input");
                if (!input.isObject()) {
                    throw VendorException.malformed("the tool_use input is not a JSON object");
                }
                return input;
            }
        }
        throw VendorException.malformed("the response has no tool_use block for " + toolName);
    }
}
