package com.waqup.generation.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a job creates; the code is the wire and database value. */
enum ContentType {
    AFFIRMATION, GUIDED_MEDITATION, RITUAL;

    /** The values a request may name, for validation messages. */
    static final String CODES = "affirmation, guided_meditation, ritual";

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ContentType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst();
    }

    @jakarta.persistence.Converter(autoApply = true)
    static class Column implements jakarta.persistence.AttributeConverter<ContentType, String> {

        @Override
        public String convertToDatabaseColumn(ContentType type) {
            return type == null ? null : type.code();
        }

        @Override
        public ContentType convertToEntityAttribute(String code) {
            return code == null ? null : of(code).orElseThrow(() -> new IllegalStateException("unknown content type " + code));
        }
    }
}
