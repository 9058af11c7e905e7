package com.waqup.generation.script;

import java.util.Map;
import java.util.Optional;

/**
 * A personalization job's template (docs/generation.md, "Personalization"): the creator's script of a pack item
 * ({@code template_text}: one segment per line, a blank line between sections, as the library keeps it), its title,
 * and the name the buyer wants to be addressed by (optional). Stored in the job's request under
 * {@code personalization}; the rest of the request (intent, pace, voice, duration) is a creation's.
 */
public record Personalization(String templateTitle, String templateText, String listenerName) {

    public static final String KEY = "personalization";

    /** The job's personalization, when its request has one with a non-blank template. */
    public static Optional<Personalization> fromJob(Map<String, ?> request) {
        if (!(request.get(KEY) instanceof Map<?, ?> p) || !(p.get("template_text") instanceof String text)
                || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Personalization(p.get("template_title") instanceof String t ? t : null, text,
                p.get("listener_name") instanceof String n && !n.isBlank() ? n.strip() : null));
    }
}
