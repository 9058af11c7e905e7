package com.waqup.conversation.extraction;

import com.waqup.common.http.VendorException;
import com.waqup.conversation.dialogue.Extraction;
import com.waqup.conversation.dialogue.Extraction.Command;
import com.waqup.conversation.dialogue.Lexicon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validation and repair of the model's answer (docs/llm.md). */
class ExtractionReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SLOTS = """
            {"intent":"focus","emotional_context":"scattered","time_of_day":"morning","place":"work",
             "duration_seconds":300,"voice_id":"en-us-female","pace":"slow","tone":"warm"}""";

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static JsonNode answer(String slots, String rest) {
        return json("{\"slots\":" + slots + "," + rest + "}");
    }

    @Test
    void shouldReadEveryFieldOfAValidAnswer() {
        Extraction x = ExtractionReader.read(answer(SLOTS, "\"command\":\"YES\",\"correction\":true,\"crisis\":true"));

        assertThat(x.slots().toContext()).containsEntry("intent", "focus").containsEntry("emotional_context", "scattered")
                .containsEntry("time_preference", "morning").containsEntry("place", "work")
                .containsEntry("duration_seconds", 300).containsEntry("voice_id", "en-us-female")
                .containsEntry("pace", "slow").containsEntry("tone", "warm");
        assertThat(x.command()).isEqualTo(Command.YES);
        assertThat(x.correction()).isTrue();
        assertThat(x.crisis()).isTrue();
    }

    @Test
    void shouldRepairCaseAndSpacesButDropWhatTheLexiconDoesNotKnow() {
        Extraction x = ExtractionReader.read(answer("""
                {"intent":" Wind Down ","emotional_context":"melancholic","time_of_day":7,"place":null,
                 "duration_seconds":null,"voice_id":"en-gb-robot","pace":"FAST","tone":["warm"]}""",
                "\"command\":\"cancel\",\"correction\":false,\"crisis\":false"));

        assertThat(x.slots().intent).isEqualTo("wind_down");
        assertThat(x.slots().emotionalContext).isNull();
        assertThat(x.slots().timeOfDay).isNull();
        assertThat(x.slots().place).isNull();
        assertThat(x.slots().voiceId).isNull();
        assertThat(x.slots().pace).isEqualTo("fast");
        assertThat(x.slots().tone).isNull();
        assertThat(x.command()).isEqualTo(Command.CANCEL);
    }

    @Test
    void shouldTreatAnAbsentSlotAsUnknownAndAnUnknownCommandAsNone() {
        Extraction x = ExtractionReader.read(answer("{\"intent\":\"sleep\"}", "\"command\":\"PAUSE\",\"correction\":false,\"crisis\":false"));

        assertThat(x.slots().intent).isEqualTo("sleep");
        assertThat(x.slots().durationSeconds).isNull();
        assertThat(x.command()).isEqualTo(Command.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-60", "86401", "999999", "90.5", "\"600\"", "true" })
    void shouldDropADurationThatIsNotAWholeNumberOfSecondsInRange(String duration) {
        Extraction x = ExtractionReader.read(answer("{\"duration_seconds\":" + duration + "}",
                "\"command\":\"NONE\",\"correction\":false,\"crisis\":false"));

        assertThat(x.slots().durationSeconds).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "1", "90", "7200", "600.0", "86400" })
    void shouldKeepADurationInRangeUnclampedForTheDialogueToClamp(String duration) {
        Extraction x = ExtractionReader.read(answer("{\"duration_seconds\":" + duration + "}",
                "\"command\":\"NONE\",\"correction\":false,\"crisis\":false"));

        assertThat(x.slots().durationSeconds).isEqualTo((int) Double.parseDouble(duration));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[]",
            "\"just text\"",
            "{\"command\":\"NONE\",\"correction\":false,\"crisis\":false}",
            "{\"slots\":[],\"command\":\"NONE\",\"correction\":false,\"crisis\":false}",
            "{\"slots\":{},\"correction\":false,\"crisis\":false}",
            "{\"slots\":{},\"command\":null,\"correction\":false,\"crisis\":false}",
            "{\"slots\":{},\"command\":\"NONE\",\"crisis\":false}",
            "{\"slots\":{},\"command\":\"NONE\",\"correction\":false}",
            "{\"slots\":{},\"command\":\"NONE\",\"correction\":false,\"crisis\":\"no\"}" })
    void shouldRejectAnAnswerWithoutTheRequiredFields(String answer) {
        assertThatThrownBy(() -> ExtractionReader.read(json(answer)))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.reason()).isEqualTo(VendorException.Reason.MALFORMED));
    }

    @Test
    void shouldOfferTheModelExactlyTheLexiconsKeys() {
        JsonNode slots = ExtractionPrompt.schema().path("properties").path("slots");

        assertThat(slots.path("required")).hasSize(8);
        assertThat(slots.path("additionalProperties").booleanValue()).isFalse();
        JsonNode intents = slots.path("properties").path("intent").path("enum");
        assertThat(intents).hasSize(Lexicon.INTENTS.size() + 1);
        Lexicon.INTENTS.forEach(e -> assertThat(intents.toString()).contains("\"" + e.key() + "\""));
        assertThat(intents.get(intents.size() - 1).isNull()).isTrue();
        assertThat(ExtractionPrompt.schema().path("properties").path("command").path("enum"))
                .hasSize(Command.values().length);
        assertThat(ExtractionPrompt.schema().path("required")).hasSize(4);
    }
}
