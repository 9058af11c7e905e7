package com.waqup.conversation.extraction;

import com.waqup.common.http.VendorException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The port to a vendor's model: one system prompt, one user message, and the JSON Schema the answer must follow.
 * Adapters ({@link OpenAiClient}, {@link AnthropicClient}) use the vendor's own way of forcing structured output,
 * time out, retry what is worth retrying, and throw {@link VendorException} for everything else.
 */
interface LlmClient {

    /** The provider's name, as configured and as the metrics tag it. */
    String provider();

    /**
     * @return the model's answer, a JSON object (not yet checked against the schema: the caller validates)
     * @throws VendorException when the vendor cannot be reached, times out, refuses, or answers something that is not a
     *                      JSON object, after the retries
     */
    JsonNode completeJson(String system, String user, StructuredOutput output);

    /**
     * The shape of the answer.
     *
     * @param name        the schema's (OpenAI) or the tool's (Anthropic) name: {@code [a-zA-Z0-9_-]{1,64}}
     * @param description what the object is, for the model
     * @param schema      a JSON Schema for an object, in the subset OpenAI's strict mode accepts
     */
    record StructuredOutput(String name, String description, ObjectNode schema) {
    }
}
