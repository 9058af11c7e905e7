package com.waqup.generation.script;

/**
 * Writes the script of one generation job. Adapters: {@link ComposerScriptWriter} (built in, offline,
 * deterministic; the default) and the LLM-backed writers of {@code com.waqup.generation.llm}, chosen by
 * {@code waqup.llm.provider}.
 * <p>
 * Every writer returns a script of the requested type whose {@link Script#estimatedSeconds(int)} at
 * {@link ScriptRequest#wordsPerMinute()} is within ±10 % of {@link ScriptRequest#targetSeconds()}.
 */
public interface ScriptWriter {

    /**
     * The script of {@code request}; a writer that cannot produce one throws {@link ScriptWriterException} (or
     * {@link InvalidScriptException}), and the job fails with its credits released.
     */
    Script write(ScriptRequest request);

    /**
     * The creator's script of {@code personalization} re-made for the buyer of {@code request} (name, intent, pace):
     * by default the built-in {@link TemplatePersonalizer} (offline, deterministic), whichever writer is configured.
     */
    default Script personalize(ScriptRequest request, Personalization personalization) {
        return TemplatePersonalizer.standard().personalize(request, personalization);
    }

    /** Stored with the script: {@code composer}, {@code openai}, {@code anthropic}. */
    default String name() {
        return "composer";
    }
}
