package com.waqup.audio.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.audio.AudioITSupport;
import com.waqup.common.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A short practice voiced by each offline engine through the real pipeline (RabbitMQ → synthesis → mix → S3), and
 * what the service reports about the engines it found.
 */
class OfflineVoicesIT extends AudioITSupport {

    @Test
    void shouldRenderAShortPracticeWithFestivalsHtsVoice() throws Exception {
        assertRenderedBy("en-us-female", "festival", Map.of("sound", "brown_noise", "level_db", -28));
    }

    @Test
    void shouldRenderAShortPracticeWithFlitesMaleVoice() throws Exception {
        assertRenderedBy("en-us-male", "flite", null);
    }

    @Test
    void shouldRenderAShortPracticeWithEspeak() throws Exception {
        assertRenderedBy("en-gb-female", "espeak", null);
    }

    @Test
    void shouldReportTheOfflineEnginesFoundInTheHealthDetails() {
        Http.Response health = Http.get(managementUrl("/actuator/health"));
        assertThat(health.status()).isEqualTo(200);
        JsonNode tts = health.json().path("components").path("tts");
        assertThat(tts.path("status").asString()).isEqualTo("UP");
        assertThat(tts.path("details").path("offline").path("festival").toString()).contains("cmu_us_slt_arctic_hts");
        assertThat(tts.path("details").path("offline").path("flite").toString()).contains("rms");
        assertThat(tts.path("details").path("platform_voices").path("en-us-male").asString()).isEqualTo("flite");
        assertThat(tts.path("details").path("offline").has("espeak")).isTrue();
        assertThat(tts.path("details").path("platform_voices").path("en-us-female").asString()).isEqualTo("festival");
        assertThat(tts.path("details").path("platform_voices").path("en-gb-male").asString()).isEqualTo("espeak");
    }

    private void assertRenderedBy(String voiceId, String engine, Map<String, Object> bed) throws Exception {
        UUID job = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        Map<String, Object> request = new LinkedHashMap<>(sizedRequest(job, user, 30, bed));
        request.put("voice_id", voiceId);
        publish(request);

        JsonNode data = await().atMost(JOB_TIMEOUT).until(() -> events(job, "audio.completed"), l -> !l.isEmpty())
                .getFirst().path("data");
        assertThat(data.path("voice").path("id").asString()).isEqualTo(voiceId);
        assertThat(data.path("voice").path("provider").asString()).isEqualTo(engine);
        Path mp3 = download(key(user, job));
        try {
            double duration = Double.parseDouble(tool("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                    "csv=p=0", mp3.toString()).trim());
            assertThat(duration).as("within 10%% of the 30 s the script was sized for").isBetween(27.0, 33.0);
            String loudnorm = tool("ffmpeg", "-hide_banner", "-nostats", "-i", mp3.toString(), "-af",
                    "loudnorm=I=-16:TP=-1:print_format=json", "-f", "null", "-");
            JsonNode measured = JSON.readTree(loudnorm.substring(loudnorm.lastIndexOf('{'), loudnorm.lastIndexOf('}') + 1));
            assertThat(Double.parseDouble(measured.path("input_i").asString())).as("integrated loudness").isBetween(-17.0, -15.0);
            assertThat(Double.parseDouble(measured.path("input_tp").asString())).as("true peak").isLessThanOrEqualTo(-1.0);
        } finally {
            Files.deleteIfExists(mp3);
        }
    }
}
