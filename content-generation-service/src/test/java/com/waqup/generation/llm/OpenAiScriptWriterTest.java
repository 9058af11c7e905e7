package com.waqup.generation.llm;

import com.waqup.common.llm.LlmProperties;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waqup.generation.script.Script;
import com.waqup.generation.script.ScriptWriter;
import com.waqup.generation.script.ScriptWriterException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI's Chat Completions API with a strict JSON schema (response_format json_schema). */
class OpenAiScriptWriterTest extends VendorScriptWriterContract {

    @Override
    String path() {
        return "/v1/chat/completions";
    }

    @Override
    ScriptWriter writer(LlmProperties properties) {
        return openAi(properties);
    }

    @Override
    String answer(JsonNode script) {
        return completion(JSON.writeValueAsString(script), "stop");
    }

    /** The documented chat.completion object. */
    static String completion(String content, String finishReason) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
        body.put("object", "chat.completion");
        body.put("created", 1741569952);
        body.put("model", "gpt-4o-mini-2024-07-18");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        body.putObject("usage").put("prompt_tokens", 612).put("completion_tokens", 410).put("total_tokens", 1022);
        return JSON.writeValueAsString(body);
    }

    @Override
    String errorBody(int status) {
        String code = status == 429 ? "rate_limit_exceeded" : status == 401 ? "invalid_api_key" : "server_error";
        return "{\"error\": {\"message\": \"error " + status + "\", \"type\": \"" + code + "\", \"param\": null, \"code\": \""
                + code + "\"}}";
    }

    @Test
    void shouldSendTheDocumentedRequestWithAStrictJsonSchema() {
        vendor.stubFor(post(urlEqualTo(path())).willReturn(okJson(answer(goodScript()))));

        writer().write(REQUEST);

        var request = vendor.getAllServeEvents().getFirst().getRequest();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = sentRequest();
        assertThat(body.path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("content").asString()).contains("confidence").contains("120 seconds");
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asString()).isEqualTo("write_script");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        JsonNode schema = format.path("json_schema").path("schema");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.path("required").toString()).contains("title", "sections", "tags");
        assertThat(schema.at("/properties/sections/items/properties/kind/enum").toString())
                .isEqualTo("[\"opening\",\"affirmations\",\"closing\"]");
    }

    @Test
    void shouldRepairJsonWrappedInACodeFence() {
        String fenced = "```json\n" + JSON.writeValueAsString(goodScript()) + "\n```";
        vendor.stubFor(post(urlEqualTo(path())).willReturn(okJson(completion(fenced, "stop"))));

        Script script = writer().write(REQUEST);

        assertThat(script.title()).isEqualTo("Morning Confidence");
    }

    @Test
    void shouldRejectAnAnswerThatIsNotJsonOrWasCutOff() {
        vendor.stubFor(post(urlEqualTo(path())).willReturn(okJson(completion("{\"title\": \"Morning Conf", "stop"))));
        assertThatThrownBy(() -> writer().write(REQUEST)).isInstanceOf(ScriptWriterException.class)
                .hasMessageContaining("not JSON");

        vendor.resetAll();
        vendor.stubFor(post(urlEqualTo(path())).willReturn(okJson(completion(JSON.writeValueAsString(goodScript()), "length"))));
        assertThatThrownBy(() -> writer().write(REQUEST)).isInstanceOf(ScriptWriterException.class)
                .hasMessageContaining("cut off");
    }
}
