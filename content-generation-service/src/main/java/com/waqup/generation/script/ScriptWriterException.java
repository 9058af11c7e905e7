package com.waqup.generation.script;

/**
 * A writer could not produce a script (its vendor down after the retries, an answer that cannot be used). The
 * message is safe to show to the person and to log: no vendor body, no key.
 */
public class ScriptWriterException extends RuntimeException {

    public ScriptWriterException(String message, Throwable cause) {
        super(message, cause);
    }
}
