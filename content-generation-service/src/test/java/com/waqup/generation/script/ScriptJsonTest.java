package com.waqup.generation.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pins the wire shape of a script: the {@code structure} stored with the content item and read by
 * audio-generation. Serialized with the platform's convention (snake_case naming, as common-lib's
 * {@code JsonAutoConfiguration} configures every service's mapper), without any per-field annotation.
 */
class ScriptJsonTest {

    static final JsonMapper PLATFORM = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    static final String GOLDEN = """
            {
              "title": "Evening Wind-Down",
              "content_type": "guided_meditation",
              "sections": [
                {"kind": "settling", "segments": [{"text": "Welcome. Let's begin.", "pause_after": 4.5}]},
                {"kind": "breath", "segments": [
                  {"text": "Breathe in slowly through your nose.", "pause_after": 4.0},
                  {"text": "And breathe out, slow and long.", "pause_after": 6.0}]},
                {"kind": "body", "segments": [{"text": "Bring your attention to your feet.", "pause_after": 8.0}]},
                {"kind": "visualization", "segments": [{"text": "Rest here for a while.", "pause_after": 25.0}]},
                {"kind": "return", "segments": [{"text": "Welcome back.", "pause_after": 1.0}]}
              ],
              "tags": ["wind_down", "guided_meditation", "restless", "evening", "bed"],
              "depth": "medium",
              "target_seconds": 120,
              "language": "en"
            }
            """;

    static Script sample() {
        return new Script("Evening Wind-Down", ScriptType.GUIDED_MEDITATION, List.of(
                new Section(SectionKind.SETTLING, List.of(new Segment("Welcome. Let's begin.", 4.5))),
                new Section(SectionKind.BREATH, List.of(new Segment("Breathe in slowly through your nose.", 4.0),
                        new Segment("And breathe out, slow and long.", 6.0))),
                new Section(SectionKind.BODY, List.of(new Segment("Bring your attention to your feet.", 8.0))),
                new Section(SectionKind.VISUALIZATION, List.of(new Segment("Rest here for a while.", 25.0))),
                new Section(SectionKind.RETURN, List.of(new Segment("Welcome back.", 1.0)))),
                List.of("wind_down", "guided_meditation", "restless", "evening", "bed"), Depth.MEDIUM, 120, "en");
    }

    @Test
    void shouldSerializeAScriptToTheGoldenShape() {
        JsonNode written = PLATFORM.readTree(PLATFORM.writeValueAsString(sample()));

        assertThat(written).isEqualTo(PLATFORM.readTree(GOLDEN));
    }

    @Test
    void shouldReadTheGoldenShapeBackIntoTheSameScript() {
        assertThat(PLATFORM.readValue(GOLDEN, Script.class)).isEqualTo(sample());
    }

    @Test
    void shouldWriteOnlyTheModelFieldsForAComposedScriptOfEveryType() {
        ComposerScriptWriter writer = new ComposerScriptWriter();
        for (ScriptType type : ScriptType.values()) {
            Script script = writer.write(new ScriptRequest(UUID.randomUUID(), UUID.randomUUID(), type, "focus", "scattered",
                    "morning", "work", 300, "moderate", "warm", null, "en"));
            JsonNode json = PLATFORM.readTree(PLATFORM.writeValueAsString(script));

            assertThat(json.propertyNames()).containsExactlyInAnyOrder("title", "content_type", "sections", "tags", "depth",
                    "target_seconds", "language");
            assertThat(json.get("content_type").asString()).isEqualTo(type.code());
            for (JsonNode section : json.get("sections")) {
                assertThat(section.propertyNames()).containsExactlyInAnyOrder("kind", "segments");
                for (JsonNode segment : section.get("segments")) {
                    assertThat(segment.propertyNames()).containsExactlyInAnyOrder("text", "pause_after");
                    assertThat(segment.get("pause_after").isNumber()).isTrue();
                }
            }
            assertThat(PLATFORM.readValue(PLATFORM.writeValueAsString(script), Script.class)).isEqualTo(script);
        }
    }
}
