package com.waqup.generation.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.waqup.generation.config.GenerationProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EstimatedTimeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The defaults of application.yml. */
    final EstimatedTime estimate = new EstimatedTime(new GenerationProperties.Estimate(Duration.ofSeconds(10),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(60),
            Map.of("affirmation", Duration.ofMinutes(3), "ritual", Duration.ofMinutes(5),
                    "guided_meditation", Duration.ofMinutes(10))));

    static JsonNode request(String json) {
        return JSON.readTree(json);
    }

    @Test
    void shouldAddRenderTimePerMinuteOfAudioToAFixedOverhead() {
        assertThat(estimate.seconds(ContentType.GUIDED_MEDITATION, request("{\"duration_seconds\":600}")))
                .as("10 s + 10 min × 5 s").isEqualTo(60);
        assertThat(estimate.seconds(ContentType.RITUAL, request("{\"duration_seconds\":90}")))
                .as("10 s + ceil(1.5 min × 5 s)").isEqualTo(18);
        assertThat(estimate.seconds(ContentType.RITUAL, request("{\"duration_seconds\":61}")))
                .as("rounded up").isEqualTo(16);
    }

    @Test
    void shouldUseTheContentTypesDefaultLengthWhenNoDurationIsRequested() {
        assertThat(estimate.seconds(ContentType.AFFIRMATION, request("{}"))).isEqualTo(25);
        assertThat(estimate.seconds(ContentType.RITUAL, request("{\"intent\":\"sleep\"}"))).isEqualTo(35);
        assertThat(estimate.seconds(ContentType.GUIDED_MEDITATION, request("{\"duration_seconds\":\"10 minutes\"}")))
                .as("not an integer: the default").isEqualTo(60);
        assertThat(estimate.seconds(ContentType.GUIDED_MEDITATION, request("{\"duration_seconds\":12.5}"))).isEqualTo(60);
    }

    @Test
    void shouldClampImplausibleDurations() {
        assertThat(estimate.audioSeconds(ContentType.RITUAL, request("{\"duration_seconds\":1}"))).isEqualTo(30);
        assertThat(estimate.audioSeconds(ContentType.RITUAL, request("{\"duration_seconds\":-5}"))).isEqualTo(30);
        assertThat(estimate.audioSeconds(ContentType.RITUAL, request("{\"duration_seconds\":99999999999}"))).isEqualTo(3600);
        assertThat(estimate.seconds(ContentType.RITUAL, request("{\"duration_seconds\":99999999999}"))).isEqualTo(310);
    }
}
