package com.waqup.common.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.waqup.common.test.RepositoryRoot;
import org.junit.jupiter.api.Test;

/** The module structure every later change must keep: eleven independent services on one shared library. */
class ModuleBoundariesTest {

    static final List<String> SERVICES = List.of("gateway-service", "user-service", "conversation-service",
            "content-generation-service", "audio-generation-service", "ritual-library-service", "credit-service",
            "creator-service", "catalog-service", "payment-service", "reward-service");

    @Test
    void shouldBuildCommonLibAndExactlyTheElevenServices() {
        assertThat(RepositoryRoot.modules()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Stream.of("common-lib"), SERVICES.stream()).toList());
    }

    @Test
    void shouldNeverLetAServiceDependOnAnotherService() {
        List<String> violations = new ArrayList<>();
        for (String module : RepositoryRoot.modules()) {
            for (String dependency : dependencies(module)) {
                if (dependency.endsWith("-service")) {
                    violations.add(module + " depends on " + dependency);
                }
            }
        }
        assertThat(violations).as("services talk over REST and events, never through each other's code").isEmpty();
    }

    @Test
    void shouldInheritEveryModuleFromTheRootPom() {
        for (String module : RepositoryRoot.modules()) {
            String pom = RepositoryRoot.read(RepositoryRoot.path().resolve(module).resolve("pom.xml"));
            String parent = pom.substring(pom.indexOf("<parent>"), pom.indexOf("</parent>"));
            assertThat(parent).as(module + "'s parent").contains("<artifactId>waqup-parent</artifactId>");
            int deps = pom.indexOf("<dependencies>");
            if (deps >= 0) {
                assertThat(pom.substring(deps, pom.indexOf("</dependencies>")))
                        .as(module + " must not pin dependency versions: the root POM owns them").doesNotContain("<version>");
            }
        }
    }

    @Test
    void shouldGiveEveryServiceItsContractIntegrationTest() throws Exception {
        for (String service : SERVICES) {
            Path tests = RepositoryRoot.path().resolve(service).resolve("src/test/java");
            try (var files = Files.walk(tests)) {
                assertThat(files.filter(p -> p.toString().endsWith("IT.java")).count())
                        .as(service + " has an *IT that boots it on real infrastructure").isPositive();
            }
        }
    }

    /** The package-shape rule (docs/contributing.md) runs in every service: through its contract IT, or directly. */
    @Test
    void shouldCheckThePackageShapeInEveryService() throws Exception {
        List<String> unchecked = new ArrayList<>();
        for (String service : SERVICES) {
            Path tests = RepositoryRoot.path().resolve(service).resolve("src/test/java");
            try (var files = Files.walk(tests)) {
                boolean checked = files.filter(p -> p.toString().endsWith(".java"))
                        .map(RepositoryRoot::read)
                        .anyMatch(source -> source.contains("extends ServiceContractIT")
                                || source.contains("ServiceArchitecture.check("));
                if (!checked) {
                    unchecked.add(service);
                }
            }
        }
        assertThat(unchecked).as("services whose tests never run ServiceArchitecture").isEmpty();
    }

    @Test
    void shouldLeaveTheMessagingTablesToCommonLibsMigration() throws Exception {
        List<String> copies = new ArrayList<>();
        for (String service : SERVICES) {
            Path migrations = RepositoryRoot.path().resolve(service).resolve("src/main/resources/db/migration");
            if (!Files.isDirectory(migrations)) {
                continue;
            }
            try (var files = Files.list(migrations)) {
                files.forEach(file -> {
                    String name = file.getFileName().toString();
                    String sql = RepositoryRoot.read(file).toLowerCase(Locale.ROOT);
                    if (name.startsWith("V1__") || sql.contains("create table event_publication")
                            || sql.contains("create table processed_event")) {
                        copies.add(service + "/" + name);
                    }
                });
            }
        }
        assertThat(copies).as("V1 (outbox and inbox) is common-lib's db/messaging; a service's migrations start at V2")
                .isEmpty();
    }

    static List<String> dependencies(String module) {
        String pom = RepositoryRoot.read(RepositoryRoot.path().resolve(module).resolve("pom.xml"));
        int start = pom.indexOf("<dependencies>");
        if (start < 0) {
            return List.of();
        }
        String block = pom.substring(start, pom.indexOf("</dependencies>"));
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(block);
        List<String> artifacts = new ArrayList<>();
        while (m.find()) {
            artifacts.add(m.group(1).trim());
        }
        return artifacts;
    }
}
