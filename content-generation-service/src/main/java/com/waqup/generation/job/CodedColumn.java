package com.waqup.generation.job;

import java.util.Locale;
import java.util.Optional;

import jakarta.persistence.AttributeConverter;

/** Stores an enum as its lower-case name, the value the API and the CHECK constraints use. */
abstract class CodedColumn<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    CodedColumn(Class<E> type) {
        this.type = type;
    }

    static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> Optional<E> of(Class<E> type, String code) {
        for (E value : type.getEnumConstants()) {
            if (code(value).equals(code)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : code(value);
    }

    @Override
    public E convertToEntityAttribute(String code) {
        return code == null ? null : of(type, code)
                .orElseThrow(() -> new IllegalStateException("unknown " + type.getSimpleName() + " " + code));
    }
}
