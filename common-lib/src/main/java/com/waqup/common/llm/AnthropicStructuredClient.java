package com.waqup.common.llm;

import com.waqup.common.http.VendorException;
import com.waqup.common.http.VendorHttp;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}, headers {@code x-api-key} and {@code anthropic-version}) with
 * structured output through tool use: the schema is the {@code input_schema} of one tool, {@code tool_choice} forces
 * the model to call exactly that tool, and the answer is the {@code input} object of the {@code tool_use} content
 * block. A cut-off answer ({@code stop_reason: max_tokens}) or no such block is {@code MALFORMED}.
 */
public final class AnthropicStructuredClient implements StructuredOutputClient {

    public static final String PATH = "/v1/messages";
    /** Vendor payloads are built and read as trees; this mapper never sees our snake_case records. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final VendorHttp http;
    private final LlmProperties.Anthropic config;

    public AnthropicStructuredClient(VendorHttp http, LlmProperties.Anthropic config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public String provider() {
        return LlmProperties.Provider.ANTHROPIC.code();
    }

    @Override
    public JsonNode complete(StructuredPrompt prompt) {
        StructuredOutput output = prompt.output();
        ObjectNode body = JSON.createObjectNode();
        body.put("model", config.model());
        body.put("max_tokens", prompt.maxTokens());
        if (prompt.temperature() != null) {
            body.put("temperature", prompt.temperature());
        }
        body.put("system", prompt.system());
        body.putArray("messages").addObject().put("role", "user").put("content", prompt.user());
        ObjectNode tool = body.putArray("tools").addObject();
        tool.put("name", output.name());
        tool.put("description", output.description());
        tool.set("input_schema", output.schema());
        body.putObject("tool_choice").put("type", "tool").put("name", output.name());
        String response = http.postJson(PATH, h -> {
            h.set("x-api-key", config.apiKey());
            h.set("anthropic-version", config.version());
        }, JSON.writeValueAsString(body));
        return answer(response, output.name());
    }

    static JsonNode answer(String response, String toolName) {
        JsonNode message;
        try {
            message = JSON.readTree(response);
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
                    throw VendorException.malformed("the tool input is not a JSON object");
                }
                return input;
            }
        }
        throw VendorException.malformed("the answer has no " + toolName + " tool call");
    }
}
