package com.waqup.generation.llm;

import com.waqup.common.llm.LlmProperties;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waqup.generation.script.ScriptWriter;
import com.waqup.generation.script.ScriptWriterException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic's Messages API with the script as the input of a forced tool call. */
class AnthropicScriptWriterTest extends VendorScriptWriterContract {

    @Override
    String path() {
        return "/v1/messages";
    }

    @Override
    ScriptWriter writer(LlmProperties properties) {
        return anthropic(properties);
    }

    @Override
    String answer(JsonNode script) {
        return message(script, "tool_use");
    }

    /** The documented message object with a tool_use content block. */
    static String message(JsonNode input, String stopReason) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "msg_01Aq9w938a90dw8q");
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", "claude-sonnet-4-5");
        var content = body.putArray("content");
        content.addObject().put("type", "text").put("text", "Here is the script.");
        ObjectNode tool = content.addObject();
        tool.put("type", "tool_use").put("id", "toolu_01A09q90qw90lq917835lq9").put("name", "write_script");
        tool.set("input", input);
        body.put("stop_reason", stopReason);
        body.putNull("stop_sequence");
        body.putObject("usage").put("input_tokens", 612).put("output_tokens", 410);
        return JSON.writeValueAsString(body);
    }

    @Override
    String errorBody(int status) {
        String type = status == 429 ? "rate_limit_error" : status == 401 ? "authentication_error" : "api_error";
        return "{\"type\": \"error\", \"error\": {\"type\": \"" + type + "\", \"message\": \"error " + status + "\"}}";
    }

    @Test
    void shouldSendTheDocumentedRequestWithAForcedTool() {
        vendor.stubFor(post(urlEqualTo(path())).willReturn(okJson(answer(goodScript()))));

        writer().write(REQUEST);

        var request = vendor.getAllServeEvents().getFirst().getRequest();
        assertThat(request.getHeader("x-api-key")).isEqualTo(KEY);
        assertThat(request.getHeader("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.containsHeader("Authorization")).isFalse();
        JsonNode body = sentRequest();
        assertThat(body.path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("max_tokens").asInt()).isPositive();
        assertThat(body.path("system").asString()).contains("affirmation");
        assertThat(body.path("tools").get(0).path("name").asString()).isEqualTo("write_script");
        assertThat(body.path("tools").get(0).at("/input_schema/properties/sections/type").asString()).isEqualTo("array");
        assertThat(body.path("tool_choice").path("type").asString()).isEqualTo("tool");
        assertThat(body.path("tool_choice").path("name").asString()).isEqualTo("write_script");
    }

    @Test
    void shouldRejectAnAnswerWithoutTheToolCallOrCutOff() {
        vendor.stubFor(post(urlEqualTo(path())).willReturn(okJson(
                "{\"id\": \"msg_1\", \"type\": \"message\", \"role\": \"assistant\", \"content\": [{\"type\": \"text\", "
                        + "\"text\": \"I cannot help with that.\"}], \"stop_reason\": \"end_turn\", \"usage\": {}}")));
        assertThatThrownBy(() -> writer().write(REQUEST)).isInstanceOf(ScriptWriterException.class)
                .hasMessageContaining("no write_script tool call");

        vendor.resetAll();
        vendor.stubFor(post(urlEqualTo(path())).willReturn(okJson(message(goodScript(), "max_tokens"))));
        assertThatThrownBy(() -> writer().write(REQUEST)).isInstanceOf(ScriptWriterException.class)
                .hasMessageContaining("cut off");
    }
}
