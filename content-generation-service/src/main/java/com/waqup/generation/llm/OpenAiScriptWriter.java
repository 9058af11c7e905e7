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
 * OpenAI's Chat Completions API ({@code POST /v1/chat/completions}, {@code Authorization: Bearer}) with structured
 * output: {@code response_format: {type: "json_schema", json_schema: {name, strict: true, schema}}}. The answer is
 * the JSON text of {@code choices[0].message.content}; a {@code refusal}, a cut-off answer
 * ({@code finish_reason: "length"}) or text that is not the schema's JSON fails the writer. One repair: the JSON
 * wrapped in a Markdown code fence is unwrapped.
 */
final class OpenAiScriptWriter implements ScriptWriter {

    static final String PATH = "/v1/chat/completions";
    static final int MAX_TOKENS = 8000;

    private final VendorHttp http;
    private final LlmProperties.OpenAi config;

    OpenAiScriptWriter(VendorHttp http, LlmProperties.OpenAi config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public Script write(ScriptRequest request) {
        ObjectNode body = ScriptPrompt.JSON.createObjectNode();
        body.put("model", config.model());
        body.put("max_completion_tokens", MAX_TOKENS);
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", ScriptPrompt.system(request));
        messages.addObject().put("role", "user").put("content", ScriptPrompt.user(request));
        ObjectNode format = body.putObject("response_format").put("type", "json_schema");
        format.putObject("json_schema").put("name", ScriptPrompt.TOOL).put("strict", true)
                .set("schema", ScriptPrompt.schema(request));
        String response;
        try {
            response = http.postJson(PATH, h -> h.setBearerAuth(config.apiKey()), ScriptPrompt.JSON.writeValueAsString(body));
        } catch (VendorException e) {
            throw new ScriptWriterException("the OpenAI call failed: " + e.getMessage(), e);
        }
        try {
            return ScriptReader.read(answer(response), request);
        } catch (InvalidScriptException e) {
            throw new ScriptWriterException("OpenAI's script was unusable: " + e.getMessage(), e);
        }
    }

    static JsonNode answer(String response) {
        JsonNode completion = parse(response, "the response is not JSON");
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (message.hasNonNull("refusal") && !message.path("refusal").asString("").isBlank()) {
            throw new InvalidScriptException("the model refused");
        }
        if ("length".equals(choice.path("finish_reason").asString(""))) {
            throw new InvalidScriptException("the answer was cut off");
        }
        String content = message.path("content").asString("").strip();
        if (content.isEmpty()) {
            throw new InvalidScriptException("the answer is empty");
        }
        return parse(unfence(content), "the answer is not JSON");
    }

    /** {@code ```json … ```} around the JSON: the fence is dropped. */
    static String unfence(String content) {
        if (content.startsWith("```")) {
            int start = content.indexOf('\n');
            int end = content.lastIndexOf("```");
            if (start > 0 && end > start) {
                return content.substring(start + 1, end).strip();
            }
        }
        return content;
    }

    private static JsonNode parse(String text, String problem) {
        try {
            return ScriptPrompt.JSON.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidScriptException(problem);
        }
    }
}
