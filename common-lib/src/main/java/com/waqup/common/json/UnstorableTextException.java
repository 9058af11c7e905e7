package com.waqup.common.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string holding text PostgreSQL cannot store ({@link StorableText}); Jackson adds the field's path, and the
 * error handler answers 400 {@code VALIDATION_FAILED} naming that field.
 */
public class UnstorableTextException extends MismatchedInputException {

    UnstorableTextException(JsonParser parser) {
        super(parser, StorableText.MESSAGE, String.class);
    }
}
