package com.waqup.generation.script;

/** A script that breaks the model's rules and cannot be repaired: the writer failed. The message is safe to show. */
public class InvalidScriptException extends RuntimeException {

    public InvalidScriptException(String message) {
        super(message);
    }
}
