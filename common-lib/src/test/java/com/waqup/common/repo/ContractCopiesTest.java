package com.waqup.common.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.waqup.common.test.RepositoryRoot;
import org.junit.jupiter.api.Test;

/**
 * The few values two services must agree on and each keeps a copy of, because they are part of the contract between
 * them and common-lib holds no business rule (docs/contributing.md, "What remains copied"). A drift would break the
 * product silently, so the copies are compared here.
 */
class ContractCopiesTest {

    private static final Pattern PACES = Pattern.compile("enum Pace \\{\\s*([^;]+);");

    /** content-generation sizes a script at these words per minute; audio-generation must speak at exactly the same. */
    @Test
    void shouldSizeScriptsAndSpeakThemAtTheSamePaces() {
        assertThat(paces("audio-generation-service/src/main/java/com/waqup/audio/voice/Pace.java"))
                .isEqualTo(paces("content-generation-service/src/main/java/com/waqup/generation/script/Pace.java"))
                .contains("MODERATE(130)");
    }

    private static String paces(String file) {
        Matcher m = PACES.matcher(RepositoryRoot.read(RepositoryRoot.path().resolve(file)));
        assertThat(m.find()).as("the Pace constants of " + file).isTrue();
        return m.group(1).replaceAll("\\s+", " ").trim();
    }
}
