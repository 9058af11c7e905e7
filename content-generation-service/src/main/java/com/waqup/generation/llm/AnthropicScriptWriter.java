package com.waqup.generation.llm;

import com.waqup.common.http.VendorException;
import com.waqup.common.llm.LlmProperties;
import com.waqup.common.http.VendorHttp;
import com.waqup.generation.script.InvalidScriptException;
import com.waqup.generation.script.Script;
import com.waqup.generation.script.ScriptReader;
import com.waqup.generation.script.ScriptRequest;
import com.waqup.generation.script.ScriptWriter;
import com.waqup.generation.script.ScriptWriterException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}, headers {@code x-api-key} and
 * {@code anthropic-version: 2023-06-01}) with structured output through one tool: the schema is its
 * {@code input_schema}, {@code tool_choice: {type: "tool", name}} forces the call, and the script is the
 * {@code input} object of the {@code tool_use} content block. A cut-off answer ({@code stop_reason: "max_tokens"})
 * or no such block fails the writer.
 */
final class AnthropicScriptWriter implements ScriptWriter {

    static final String PATH = "/v1/messages";
    static final int MAX_TOKENS = 8000;

    private final VendorHttp http;
    private final LlmProperties.Anthropic config;

    AnthropicScriptWriter(VendorHttp http, LlmProperties.Anthropic config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public Script write(ScriptRequest request) {
        ObjectNode body = ScriptPrompt.JSON.createObjectNode();
        body.put("model", config.model());
        body.put("max_tokens", MAX_TOKENS);
        body.put("system", ScriptPrompt.system(request));
        body.putArray("messages").addObject().put("role", "user").put("content", ScriptPrompt.user(request));
        ObjectNode tool = body.putArray("tools").addObject();
        tool.put("name", ScriptPrompt.TOOL);
        tool.put("description", "Returns the written script in the waQup script model.");
        tool.set("input_schema", ScriptPrompt.schema(request));
        body.putObject("tool_choice").put("type", "tool").put("name", ScriptPrompt.TOOL);
        String response;
        try {
            response = http.postJson(PATH, h -> {
                h.set("x-api-key", config.apiKey());
                h.set("anthropic-version", config.version());
            }, ScriptPrompt.JSON.writeValueAsString(body));
        } catch (VendorException e) {
            throw new ScriptWriterException("the Anthropic call failed: " + e.getMessage(), e);
        }
        try {
            return ScriptReader.read(answer(response), request);
        } catch (InvalidScriptException e) {
            throw new ScriptWriterException("Anthropic's script was unusable: " + e.getMessage(), e);
        }
    }

    static JsonNode answer(String response) {
        JsonNode message;
        try {
            message = ScriptPrompt.JSON.readTree(response);
        } catch (JacksonException e) {
            throw new InvalidScriptException("the response is not JSON");
        }
        if ("max_tokens".equals(message.path("stop_reason").asString(""))) {
            throw new InvalidScriptException("the answer was cut off");
        }
        for (JsonNode block : message.path("content")) {
            if ("tool_use".equals(block.path("type").asString("")) && ScriptPrompt.TOOL.equals(block.path("name").asString(""))) {
                JsonNode input = block.path("input");
                if (!input.isObject()) {
                    throw new InvalidScriptException("the tool input is not a JSON object");
                }
                return input;
            }
        }
        throw new InvalidScriptException("the answer has no " + ScriptPrompt.TOOL + " tool call");
    }
}
