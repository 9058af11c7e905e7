package com.waqup.common.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waqup.common.http.VendorException;
import org.junit.jupiter.api.Test;

/**
 * How each vendor's envelope is read into the answer object (the calls themselves are tested against WireMock with
 * the vendors' documented payloads in conversation-service and content-generation-service).
 */
class StructuredAnswersTest {

    static String completion(String content, String finishReason, String refusal) {
        return "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + content + ",\"refusal\":"
                + refusal + "},\"finish_reason\":\"" + finishReason + "\"}]}";
    }

    static void assertMalformed(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(VendorException.class, e -> {
            assertThat(e.reason()).isEqualTo(VendorException.Reason.MALFORMED);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void shouldReadOpenAisContentAsTheObjectAndUnwrapACodeFence() {
        assertThat(OpenAiStructuredClient.answer(completion("\"{\\\"title\\\":\\\"Calm\\\"}\"", "stop", "null"))
                .path("title").asString()).isEqualTo("Calm");
        assertThat(OpenAiStructuredClient.answer(completion("\"```json\\n{\\\"title\\\":\\\"Calm\\\"}\\n```\"", "stop", "null"))
                .path("title").asString()).isEqualTo("Calm");
    }

    @Test
    void shouldRefuseWhatOpenAiDidNotAnswer() {
        assertMalformed(() -> OpenAiStructuredClient.answer(completion("null", "stop", "\"I can't help with that.\"")),
                "the model refused to answer");
        assertMalformed(() -> OpenAiStructuredClient.answer(completion("\"{\\\"title\\\":\"", "length", "null")),
                "the answer was cut off");
        assertMalformed(() -> OpenAiStructuredClient.answer(completion("\"  \"", "stop", "null")), "the answer is empty");
        assertMalformed(() -> OpenAiStructuredClient.answer(completion("\"{\\\"title\\\":\"", "stop", "null")),
                "the answer is not JSON");
        assertMalformed(() -> OpenAiStructuredClient.answer(completion("\"[1, 2]\"", "stop", "null")),
                "the answer is not a JSON object");
        assertMalformed(() -> OpenAiStructuredClient.answer("<html>bad gateway</html>"), "the response is not JSON");
    }

    @Test
    void shouldReadAnthropicsToolInputAsTheObject() {
        String message = "{\"content\":[{\"type\":\"text\",\"text\":\"Here it is.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"write_script\",\"input\":{\"title\":\"Calm\"}}],"
                + "\"stop_reason\":\"tool_use\"}";

        assertThat(AnthropicStructuredClient.answer(message, "write_script").path("title").asString()).isEqualTo("Calm");
    }

    @Test
    void shouldRefuseWhatAnthropicDidNotAnswerWithTheTool() {
        assertMalformed(() -> AnthropicStructuredClient.answer("{\"content\":[],\"stop_reason\":\"max_tokens\"}", "write_script"),
                "the answer was cut off");
        assertMalformed(() -> AnthropicStructuredClient.answer(
                "{\"content\":[{\"type\":\"text\",\"text\":\"No.\"}],\"stop_reason\":\"end_turn\"}", "write_script"),
                "the answer has no write_script tool call");
        assertMalformed(() -> AnthropicStructuredClient.answer(
                "{\"content\":[{\"type\":\"tool_use\",\"name\":\"write_script\",\"input\":\"text\"}]}", "write_script"),
                "the tool input is not a JSON object");
        assertMalformed(() -> AnthropicStructuredClient.answer("not json", "write_script"), "the response is not JSON");
    }
}
