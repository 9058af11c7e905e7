package com.waqup.common.repo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Spring property placeholder, {@code ${NAME}} or {@code ${NAME:default}}, whose default may itself hold
 * placeholders ({@code ${A:${B:http://127.0.0.1:8081}}}, {@code jdbc:postgresql://${DB_HOST:127.0.0.1}/waqup}).
 *
 * @param name     the variable or property name
 * @param fallback the default: literal {@link String}s and nested {@link Placeholder}s, in order
 * @param hasDefault whether a default was given at all ({@code ${NAME:}} has an empty one)
 */
record Placeholder(String name, List<Object> fallback, boolean hasDefault) {

    private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** Every top-level placeholder in the text, in order; unterminated ones are ignored. */
    static List<Placeholder> findAll(String text) {
        List<Placeholder> found = new ArrayList<>();
        int from = 0;
        while ((from = text.indexOf("${", from)) >= 0) {
            Parsed parsed = parse(text, from);
            if (parsed == null) {
                from += 2;
            } else {
                found.add(parsed.placeholder());
                from = parsed.end();
            }
        }
        return found;
    }

    /** Whether the name is an environment variable ({@code DB_URL}) rather than a property ({@code spring.application.name}). */
    boolean isEnvironmentVariable() {
        return ENVIRONMENT_VARIABLE.matcher(name).matches();
    }

    /** This placeholder's environment variable and those of its nested defaults. */
    Set<String> environmentVariables() {
        Set<String> names = new LinkedHashSet<>();
        if (isEnvironmentVariable()) {
            names.add(name);
        }
        for (Object part : fallback) {
            if (part instanceof Placeholder nested) {
                names.addAll(nested.environmentVariables());
            }
        }
        return names;
    }

    /**
     * What is wrong when a container starts with only the given environment variables set: {@code null} when
     * nothing is, otherwise why (no value at all, or a default that points at 127.0.0.1/localhost, which inside a
     * container is the container itself).
     */
    String problemInContainerWith(Set<String> setVariables) {
        return switch (resolve(setVariables)) {
            case FINE -> null;
            case MISSING -> this + " is not set and has no default";
            case LOCAL -> this + " is left to its default, which inside a container points at the container itself";
        };
    }

    private enum Resolution { FINE, MISSING, LOCAL }

    private Resolution resolve(Set<String> setVariables) {
        if (isEnvironmentVariable() && setVariables.contains(name)) {
            return Resolution.FINE;
        }
        if (!hasDefault) {
            // a reference to another property (${spring.application.name}) is not the environment's business
            return isEnvironmentVariable() ? Resolution.MISSING : Resolution.FINE;
        }
        for (Object part : fallback) {
            Resolution resolution = part instanceof Placeholder nested ? nested.resolve(setVariables)
                    : pointsAtThisMachine((String) part) ? Resolution.LOCAL : Resolution.FINE;
            if (resolution != Resolution.FINE) {
                return resolution;
            }
        }
        return Resolution.FINE;
    }

    private static boolean pointsAtThisMachine(String literal) {
        return literal.contains("127.0.0.1") || literal.contains("localhost");
    }

    String defaultText() {
        StringBuilder text = new StringBuilder();
        for (Object part : fallback) {
            text.append(part instanceof Placeholder nested ? nested.toString() : part);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return hasDefault ? "${" + name + ":" + defaultText() + "}" : "${" + name + "}";
    }

    private record Parsed(Placeholder placeholder, int end) {
    }

    /** Parses the placeholder starting at {@code text[start] == '$'}; {@code null} when it is not terminated. */
    private static Parsed parse(String text, int start) {
        int i = start + 2;
        int nameStart = i;
        while (i < text.length() && text.charAt(i) != ':' && text.charAt(i) != '}') {
            if (text.startsWith("${", i)) {
                return null;
            }
            i++;
        }
        if (i >= text.length()) {
            return null;
        }
        String name = text.substring(nameStart, i).trim();
        if (text.charAt(i) == '}') {
            return new Parsed(new Placeholder(name, List.of(), false), i + 1);
        }
        i++;
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        while (i < text.length()) {
            if (text.startsWith("${", i)) {
                Parsed nested = parse(text, i);
                if (nested == null) {
                    return null;
                }
                if (!literal.isEmpty()) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(nested.placeholder());
                i = nested.end();
            } else if (text.charAt(i) == '}') {
                if (!literal.isEmpty()) {
                    parts.add(literal.toString());
                }
                return new Parsed(new Placeholder(name, List.copyOf(parts), true), i + 1);
            } else {
                literal.append(text.charAt(i++));
            }
        }
        return null;
    }
}
