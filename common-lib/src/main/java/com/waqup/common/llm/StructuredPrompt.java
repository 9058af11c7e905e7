package com.waqup.common.llm;

/**
 * One structured call: a system prompt, one user message, the shape of the answer, how long the answer may be, and
 * the sampling temperature ({@code null}: the vendor's default).
 */
public record StructuredPrompt(String system, String user, StructuredOutput output, int maxTokens, Double temperature) {

    public StructuredPrompt {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
    }
}
