package com.waqup.common.llm;

import tools.jackson.databind.node.ObjectNode;

/**
 * The shape of a model's answer.
 *
 * @param name        the schema's (OpenAI) or the tool's (Anthropic) name: {@code [a-zA-Z0-9_-]{1,64}}
 * @param description what the object is, for the model
 * @param schema      a JSON Schema for an object, in the subset OpenAI's strict mode accepts
 */
public record StructuredOutput(String name, String description, ObjectNode schema) {
}
