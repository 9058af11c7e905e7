package com.waqup.common.repo;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.waqup.common.test.RepositoryRoot;

/**
 * What one service module's configuration reads from the environment: the placeholders in the values of its
 * {@code src/main/resources/application*.yml|yaml|properties} and in the string literals of its main Java sources,
 * plus common-lib's (every service runs common-lib's auto-configuration); and the port it listens on, the
 * default of {@code server.port: ${PORT:NNNN}}.
 *
 * @param problem why the module's configuration could not be read ({@code null} when it could)
 */
record ServiceConfiguration(String module, List<Placeholder> placeholders, Integer port, String problem) {

    private static final Pattern JAVA_STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final String COMMON_LIB = "common-lib";

    static ServiceConfiguration read(Path root, String module) {
        Path moduleDir = root.resolve(module);
        Path resources = moduleDir.resolve("src/main/resources");
        Path applicationYml = Stream.of("application.yml", "application.yaml").map(resources::resolve)
                .filter(Files::isRegularFile).findFirst().orElse(null);
        if (applicationYml == null) {
            return new ServiceConfiguration(module, List.of(), null,
                    module + " has no src/main/resources/application.yml, so its port and environment cannot be checked");
        }
        List<Placeholder> placeholders = new ArrayList<>(placeholdersOf(moduleDir));
        if (RepositoryRoot.read(moduleDir.resolve("pom.xml")).contains("<artifactId>" + COMMON_LIB + "</artifactId>")) {
            placeholders.addAll(placeholdersOf(root.resolve(COMMON_LIB)));
        }
        Object port = serverPort(YamlFiles.loadAll(RepositoryRoot.read(applicationYml)));
        List<Placeholder> portPlaceholders = port == null ? List.of() : Placeholder.findAll(port.toString());
        if (portPlaceholders.size() != 1 || !portPlaceholders.get(0).name().equals("PORT")
                || !portPlaceholders.get(0).defaultText().matches("\\d+")) {
            return new ServiceConfiguration(module, List.copyOf(placeholders), null, module + "'s application.yml sets server.port to "
                    + port + " instead of ${PORT:<its port>}");
        }
        int portNumber = Integer.parseInt(portPlaceholders.get(0).defaultText());
        return new ServiceConfiguration(module, List.copyOf(placeholders), portNumber, null);
    }

    /** The environment variables this service's configuration reads. */
    Set<String> environmentVariables() {
        Set<String> names = new TreeSet<>();
        placeholders.forEach(p -> names.addAll(p.environmentVariables()));
        return names;
    }

    /**
     * What goes wrong in a container that gets only these variables: placeholders without a default that nobody
     * sets, and defaults that point at 127.0.0.1/localhost, i.e. at the container itself.
     */
    Set<String> problemsInContainerWith(Set<String> setVariables) {
        Set<String> problems = new TreeSet<>();
        for (Placeholder placeholder : placeholders) {
            String problem = placeholder.problemInContainerWith(setVariables);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    private static List<Placeholder> placeholdersOf(Path moduleDir) {
        List<Placeholder> found = new ArrayList<>();
        Path resources = moduleDir.resolve("src/main/resources");
        if (Files.isDirectory(resources)) {
            try (Stream<Path> files = Files.list(resources)) {
                files.filter(f -> f.getFileName().toString().matches("application.*\\.(yml|yaml|properties)"))
                        .sorted()
                        .forEach(f -> valuesOf(f).forEach(v -> found.addAll(Placeholder.findAll(v))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path java = moduleDir.resolve("src/main/java");
        if (Files.isDirectory(java)) {
            try (Stream<Path> files = Files.walk(java)) {
                files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> {
                    Matcher literal = JAVA_STRING_LITERAL.matcher(RepositoryRoot.read(f));
                    while (literal.find()) {
                        found.addAll(Placeholder.findAll(literal.group()));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** The string values of a configuration file (not its comments, which may mention ${ENV:default} in prose). */
    private static List<String> valuesOf(Path file) {
        List<String> values = new ArrayList<>();
        if (file.toString().endsWith(".properties")) {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(RepositoryRoot.read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.values().forEach(v -> values.add(v.toString()));
        } else {
            YamlFiles.loadAll(RepositoryRoot.read(file)).forEach(document -> collectStrings(document, values));
        }
        return values;
    }

    private static void collectStrings(Object node, List<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectStrings(v, into));
        } else if (node instanceof Collection<?> list) {
            list.forEach(v -> collectStrings(v, into));
        } else if (node instanceof String s) {
            into.add(s);
        }
    }

    /** server.port, written nested or flat, from the first document that has it. */
    private static Object serverPort(List<Object> documents) {
        for (Object document : documents) {
            if (document instanceof Map<?, ?> map) {
                if (map.get("server.port") != null) {
                    return map.get("server.port");
                }
                if (map.get("server") instanceof Map<?, ?> server && server.get("port") != null) {
                    return server.get("port");
                }
            }
        }
        return null;
    }
}
