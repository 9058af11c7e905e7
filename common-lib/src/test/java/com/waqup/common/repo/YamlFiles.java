package com.waqup.common.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * YAML as docker compose and Helm read it: anchors, aliases and {@code <<} merge keys resolved, duplicate keys
 * refused (both tools reject them), plain data only.
 */
final class YamlFiles {

    private YamlFiles() {
    }

    static List<Object> loadAll(String text) {
        List<Object> documents = new ArrayList<>();
        yaml().loadAll(text).forEach(documents::add);
        return documents;
    }

    /** A file whose single document is a mapping. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> loadMap(Path file) {
        try {
            Object document = yaml().load(Files.readString(file));
            if (!(document instanceof Map<?, ?>)) {
                throw new IllegalStateException(file + " is not a YAML mapping");
            }
            return (Map<String, Object>) document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Helm's way of layering a values file over another: mappings merge key by key, anything else is replaced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            if (value instanceof Map<?, ?> overlayMap && merged.get(key) instanceof Map<?, ?> baseMap) {
                merged.put(key, deepMerge((Map<String, Object>) baseMap, (Map<String, Object>) overlayMap));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // compose files reuse anchors (x-healthy, the env blocks) far more often than SnakeYAML's default of 50
        options.setMaxAliasesForCollections(1_000);
        return new Yaml(new SafeConstructor(options));
    }
}
