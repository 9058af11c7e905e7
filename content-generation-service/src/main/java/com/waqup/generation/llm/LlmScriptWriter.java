package com.waqup.generation.llm;

import com.waqup.common.http.VendorException;
import com.waqup.common.llm.StructuredOutput;
import com.waqup.common.llm.StructuredOutputClient;
import com.waqup.common.llm.StructuredPrompt;
import com.waqup.generation.script.InvalidScriptException;
import com.waqup.generation.script.Script;
import com.waqup.generation.script.ScriptReader;
import com.waqup.generation.script.ScriptRequest;
import com.waqup.generation.script.ScriptWriter;
import com.waqup.generation.script.ScriptWriterException;

/**
 * A script written by an LLM: this service's prompt ({@link ScriptPrompt}: the type's rules, the person's slots, the
 * script model's JSON schema) sent through common-lib's structured-output client of the configured vendor (OpenAI or
 * Anthropic), and the answer read and checked by {@link ScriptReader}. A vendor that fails, refuses, is cut off or
 * answers something unusable fails the writer ({@link ScriptWriterException}); the job's pipeline decides what then.
 */
final class LlmScriptWriter implements ScriptWriter {

    /** A whole script (up to an hour of guided speech) fits in this many tokens. */
    static final int MAX_TOKENS = 8000;

    private final StructuredOutputClient client;
    private final String vendor;

    /** {@code vendor}: how messages name it ({@code OpenAI}, {@code Anthropic}). */
    LlmScriptWriter(StructuredOutputClient client, String vendor) {
        this.client = client;
        this.vendor = vendor;
    }

    @Override
    public String name() {
        return client.provider();
    }

    @Override
    public Script write(ScriptRequest request) {
        StructuredOutput output = new StructuredOutput(ScriptPrompt.TOOL,
                "Returns the written script in the waQup script model.", ScriptPrompt.schema(request));
        try {
            return ScriptReader.read(client.complete(new StructuredPrompt(ScriptPrompt.system(request), ScriptPrompt.user(request),
                    output, MAX_TOKENS, null)), request);
        } catch (VendorException e) {
            if (e.reason() == VendorException.Reason.MALFORMED) {
                throw new ScriptWriterException(vendor + "'s script was unusable: " + e.getMessage(), e);
            }
            throw new ScriptWriterException("the " + vendor + " call failed: " + e.getMessage(), e);
        } catch (InvalidScriptException e) {
            throw new ScriptWriterException(vendor + "'s script was unusable: " + e.getMessage(), e);
        }
    }
}
