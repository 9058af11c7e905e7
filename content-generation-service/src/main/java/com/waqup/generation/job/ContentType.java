package com.waqup.generation.job;

import jakarta.persistence.Converter;
import java.util.Optional;

/** What a job creates; the code is the wire and database value. */
enum ContentType {
    AFFIRMATION, GUIDED_MEDITATION, RITUAL;

    /** The values a request may name, for validation messages. */
    static final String CODES = "affirmation, guided_meditation, ritual";

    String code() {
        return CodedColumn.code(this);
    }

    static Optional<ContentType> of(String code) {
        return CodedColumn.of(ContentType.class, code);
    }

    @Converter(autoApply = true)
    static class Column extends CodedColumn<ContentType> {

        Column() {
            super(ContentType.class);
        }
    }
}
