package com.waqup.conversation.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.waqup.common.test.RepositoryRoot;
import org.junit.jupiter.api.Test;

/**
 * The conversation names the pace a practice gets when the person chose none (DefaultPace); content-generation
 * decides it (Pace.defaultFor). The rule is copied (common-lib holds no business rule, docs/contributing.md), so the
 * copies are compared here as ContractCopiesTest compares the Pace constants: the sleep intents and the pace of each
 * kind must read the same.
 */
class DefaultPaceCopyTest {

    private static final Pattern SLEEP = Pattern.compile("SLEEP_INTENTS = Set\\.of\\(([^)]*)\\);");
    private static final Pattern SLEEP_PACE = Pattern.compile("SLEEP_INTENTS\\.contains\\([^{]*\\{\\s*return ([^;]+);");
    private static final Pattern KINDS = Pattern.compile("return switch \\(type\\) \\{([^}]+)\\};");

    @Test
    void shouldNameTheSameDefaultPacesAsContentGeneration() {
        String generation = rule("content-generation-service/src/main/java/com/waqup/generation/script/Pace.java");
        assertThat(rule("conversation-service/src/main/java/com/waqup/conversation/dialogue/DefaultPace.java"))
                .isEqualTo(generation)
                .contains("guided_meditation -> slower");
    }

    @Test
    void shouldAgreeWithItsOwnCopyAtRuntime() {
        assertThat(DefaultPace.of(ContentType.GUIDED_MEDITATION, null)).isEqualTo("slower");
        assertThat(DefaultPace.of(ContentType.RITUAL, "calm")).isEqualTo("slow");
        assertThat(DefaultPace.of(ContentType.AFFIRMATION, "confidence")).isEqualTo("moderate");
        assertThat(DefaultPace.of(ContentType.AFFIRMATION, " Sleep ")).isEqualTo("slower");
    }

    /** The sleep intents, the sleep pace and each kind's pace, as lower-case keys without quotes. */
    private static String rule(String file) {
        String source = RepositoryRoot.read(RepositoryRoot.path().resolve(file));
        return find(SLEEP, source, file) + " | " + find(SLEEP_PACE, source, file) + " | " + find(KINDS, source, file);
    }

    private static String find(Pattern pattern, String source, String file) {
        Matcher m = pattern.matcher(source);
        assertThat(m.find()).as(pattern + " in " + file).isTrue();
        return m.group(1).replace("\"", "").replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
    }
}
