package com.waqup.common.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every JSON string bound to a {@code String} (a record component, a list element) is read as Jackson reads it and
 * then refused when it is not {@link StorableText storable}: one check for every service's request bodies and events.
 */
public class StorableTextModule extends SimpleModule {

    public StorableTextModule() {
        super("waqup-storable-text");
        addDeserializer(String.class, new StorableStringDeserializer());
    }

    static final class StorableStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            if (!StorableText.isStorable(value)) {
                throw new UnstorableTextException(p);
            }
            return value;
        }
    }
}
