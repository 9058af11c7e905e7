package com.waqup.common.llm;

import com.waqup.common.http.VendorException;
import tools.jackson.databind.JsonNode;

/**
 * A vendor's model asked for a JSON object of a given shape ({@link StructuredOutput}), each vendor in its own
 * documented way of forcing structured output: {@link OpenAiStructuredClient}, {@link AnthropicStructuredClient}. The
 * client times out, retries what is worth retrying ({@code VendorHttp}) and reads the vendor's envelope; what the
 * object means is the caller's (its prompt, its parsing, its checks).
 */
public interface StructuredOutputClient {

    /** The provider's name, as configured and as the metrics tag it. */
    String provider();

    /**
     * @return the model's answer, a JSON object (not yet checked against the schema: the caller validates)
     * @throws VendorException when the vendor cannot be reached, times out or refuses the call, after the retries; or,
     *                         with reason {@code MALFORMED}, when the model refused, was cut off, or did not answer a
     *                         JSON object
     */
    JsonNode complete(StructuredPrompt prompt);
}
