package com.waqup.generation.script;

/**
 * Writes the script of one generation job. Adapters: {@link ComposerScriptWriter} (built in, offline,
 * deterministic; the default) and, later, LLM-backed writers chosen by {@code waqup.llm.provider}.
 * <p>
 * Every writer returns a script of the requested type whose {@link Script#estimatedSeconds(int)} at
 * {@link ScriptRequest#wordsPerMinute()} is within ±10 % of {@link ScriptRequest#targetSeconds()}.
 */
public interface ScriptWriter {

    Script write(ScriptRequest request);
}
