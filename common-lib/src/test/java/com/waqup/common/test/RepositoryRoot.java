package com.waqup.common.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository this build runs in, and its module list as the root POM declares it: the system property
 * {@code waqup.root} (Surefire and Failsafe set it), else the nearest directory above the working directory with
 * {@code mvnw} and a {@code pom.xml} listing common-lib.
 */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Path path() {
        String configured = System.getProperty("waqup.root");
        if (configured != null && Files.exists(Path.of(configured, "pom.xml"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            Path pom = dir.resolve("pom.xml");
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(pom) && read(pom).contains("<module>common-lib</module>")) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("repository root not found from " + System.getProperty("user.dir"));
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public static List<String> modules() {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(read(path().resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1).trim());
        }
        return modules;
    }
}
