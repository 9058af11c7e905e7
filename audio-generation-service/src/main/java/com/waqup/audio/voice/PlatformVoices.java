package com.waqup.audio.voice;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's own voice ids, the same whatever the provider: requests and the conversation use these
 * ({@code en-us-female} is the default). Each provider maps them to one of its voices.
 */
final class PlatformVoices {

    record Alias(String id, String name, String language, String gender, String style) {
    }

    static final List<Alias> ALL = List.of(
            new Alias("en-us-female", "Ava", "en-US", "female", "calm"),
            new Alias("en-us-male", "Noah", "en-US", "male", "warm"),
            new Alias("en-gb-female", "Isla", "en-GB", "female", "gentle"),
            new Alias("en-gb-male", "Oliver", "en-GB", "male", "steady"));

    private static final Map<String, Alias> BY_ID = Map.of(
            ALL.get(0).id(), ALL.get(0), ALL.get(1).id(), ALL.get(1), ALL.get(2).id(), ALL.get(2), ALL.get(3).id(), ALL.get(3));

    private PlatformVoices() {
    }

    static Optional<Alias> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(BY_ID.get(id));
    }
}
