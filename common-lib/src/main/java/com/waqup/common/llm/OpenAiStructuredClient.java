package com.waqup.common.llm;

import com.waqup.common.http.VendorException;
import com.waqup.common.http.VendorHttp;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's Chat Completions API ({@code POST /v1/chat/completions}, {@code Authorization: Bearer}) with Structured
 * Outputs: the schema goes in {@code response_format} as a strict {@code json_schema}, and the answer is the JSON text
 * of {@code choices[0].message.content}. A refusal ({@code message.refusal}), a cut-off answer
 * ({@code finish_reason: length}) or text that is not a JSON object is {@code MALFORMED}; one repair: JSON wrapped in a
 * Markdown code fence is unwrapped. Works with any server that speaks this API (set the base URL).
 */
public final class OpenAiStructuredClient implements StructuredOutputClient {

    public static final String PATH = "/v1/chat/completions";
    /** Vendor payloads are built and read as trees; this mapper never sees our snake_case records. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final VendorHttp http;
    private final LlmProperties.OpenAi config;

    public OpenAiStructuredClient(VendorHttp http, LlmProperties.OpenAi config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public String provider() {
        return LlmProperties.Provider.OPENAI.code();
    }

    @Override
    public JsonNode complete(StructuredPrompt prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", config.model());
        body.put("max_completion_tokens", prompt.maxTokens());
        if (prompt.temperature() != null) {
            body.put("temperature", prompt.temperature());
        }
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.system());
        messages.addObject().put("role", "user").put("content", prompt.user());
        ObjectNode schema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        schema.put("name", prompt.output().name());
        if (prompt.output().description() != null) {
            schema.put("description", prompt.output().description());
        }
        schema.put("strict", true);
        schema.set("schema", prompt.output().schema());
        return answer(http.postJson(PATH, h -> h.setBearerAuth(config.apiKey()), JSON.writeValueAsString(body)));
    }

    static JsonNode answer(String response) {
        JsonNode choice = parse(response, "the response is not JSON").path("choices").path(0);
        JsonNode message = choice.path("message");
        if (message.hasNonNull("refusal") && !message.path("refusal").asString("").isBlank()) {
            throw VendorException.malformed("the model refused to answer");
        }
        if ("length".equals(choice.path("finish_reason").asString(""))) {
            throw VendorException.malformed("the answer was cut off");
        }
        String content = message.path("content").asString("").strip();
        if (content.isEmpty()) {
            throw VendorException.malformed("the answer is empty");
        }
        JsonNode answer = parse(unfence(content), "the answer is not JSON");
        if (!answer.isObject()) {
            throw VendorException.malformed("the answer is not a JSON object");
        }
        return answer;
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
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw VendorException.malformed(problem);
        }
    }
}
