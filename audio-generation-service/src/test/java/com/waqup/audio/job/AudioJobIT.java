package com.waqup.audio.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.waqup.audio.AudioITSupport;
import com.waqup.audio.voice.Pacing;
import com.waqup.common.events.Events;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import tools.jackson.databind.JsonNode;

class AudioJobIT extends AudioITSupport {

    @Autowired
    AudioJobs jobs;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RabbitListenerEndpointRegistry listeners;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldRenderASizedScriptToNormalizedMp3InS3AndPublishCompleted() throws Exception {
        UUID job = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        long audioStagesBefore = stageCount("audio");
        long synthesesBefore = meters.get("waqup.tts.requests").tag("provider", "festival").tag("outcome", "success").timer().count();
        publish(sizedRequest(job, user, 60, null));

        JsonNode completed = await().atMost(JOB_TIMEOUT).until(() -> events(job, "audio.completed"), l -> !l.isEmpty()).getFirst();
        JsonNode data = completed.path("data");
        String key = key(user, job);
        assertThat(data.path("audio_key").asString()).isEqualTo(key);
        assertThat(data.path("bucket").asString()).isEqualTo(bucket());
        assertThat(data.path("format").asString()).isEqualTo("mp3");
        assertThat(data.path("content_type_header").asString()).isEqualTo("audio/mpeg");
        assertThat(data.path("bitrate_kbps").asInt()).isEqualTo(128);
        assertThat(data.path("sample_rate_hz").asInt()).isEqualTo(44100);
        assertThat(data.path("voice").path("id").asString()).isEqualTo("en-us-female");
        assertThat(data.path("voice").path("provider").asString()).as("the default voice is Festival's HTS voice").isEqualTo("festival");
        assertThat(data.path("version").asInt()).isEqualTo(1);

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket()).key(key));
        assertThat(head.contentType()).isEqualTo("audio/mpeg");
        assertThat(head.contentLength()).isEqualTo(data.path("size_bytes").asLong());

        Path mp3 = download(key);
        try {
            double duration = Double.parseDouble(tool("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                    "csv=p=0", mp3.toString()).trim());
            assertThat(duration).as("within 10%% of the 60 s the script was sized for").isBetween(54.0, 66.0);
            assertThat(data.path("duration_seconds").asDouble()).isCloseTo(duration, Offset.offset(0.2));

            String loudnorm = tool("ffmpeg", "-hide_banner", "-nostats", "-i", mp3.toString(), "-af",
                    "loudnorm=I=-16:TP=-1:print_format=json", "-f", "null", "-");
            JsonNode measured = JSON.readTree(loudnorm.substring(loudnorm.lastIndexOf('{'), loudnorm.lastIndexOf('}') + 1));
            assertThat(Double.parseDouble(measured.path("input_i").asString())).as("integrated loudness").isBetween(-17.0, -15.0);
            assertThat(Double.parseDouble(measured.path("input_tp").asString())).as("true peak").isLessThanOrEqualTo(-1.0);

            String silences = tool("ffmpeg", "-hide_banner", "-nostats", "-i", mp3.toString(), "-af",
                    "silencedetect=noise=-50dB:d=4", "-f", "null", "-");
            Matcher m = Pattern.compile("silence_duration: ([0-9.]+)").matcher(silences);
            assertThat(m.find()).as("a real 5 s pause: " + silences.lines().filter(l -> l.contains("silence")).toList()).isTrue();
            // the script's 5 s, plus the sentence-final pause the pace gives a fast voice (at most 2.5 s, Pacing)
            assertThat(Double.parseDouble(m.group(1))).isBetween(4.5, 5.0 + Pacing.MAX_SENTENCE_PAUSE_SECONDS + 0.5);
        } finally {
            Files.deleteIfExists(mp3);
        }

        List<JsonNode> progress = events(job, "audio.progress");
        assertThat(progress).extracting(e -> e.path("data").path("stage").asString())
                .contains("synthesizing", "mixing", "encoding", "uploading");
        assertThat(jdbc.queryForObject("select status from audio_job where job_id = ?", String.class, job)).isEqualTo("COMPLETED");
        assertThat(workDirsOf(job)).as("temporary files removed").isEmpty();
        // the creation dashboard's and alerts' figures: the audio stage's time and the TTS engine's latency
        assertThat(stageCount("audio")).isGreaterThan(audioStagesBefore);
        assertThat(stageCount("synthesis")).isPositive();
        assertThat(stageCount("render")).isPositive();
        assertThat(stageCount("upload")).isPositive();
        assertThat(meters.get("waqup.tts.requests").tag("provider", "festival").tag("outcome", "success").timer().count())
                .isGreaterThan(synthesesBefore);
    }

    private long stageCount(String stage) {
        return meters.find("waqup.generation.stage").tag("stage", stage).timers().stream().mapToLong(t -> t.count()).sum();
    }

    @Test
    void shouldMixABedAndAddOggWhenAsked() {
        UUID job = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        Map<String, Object> request = new LinkedHashMap<>(sizedRequest(job, user, 20,
                Map.of("sound", "pink_noise", "level_db", -30)));
        request.put("formats", List.of("mp3", "ogg"));
        publish(request);

        JsonNode data = await().atMost(JOB_TIMEOUT).until(() -> events(job, "audio.completed"), l -> !l.isEmpty())
                .getFirst().path("data");
        assertThat(data.path("loudness_lufs").asDouble()).isBetween(-17.0, -15.0);
        assertThat(data.path("true_peak_dbtp").asDouble()).isLessThanOrEqualTo(-1.0);
        JsonNode ogg = data.path("extra_formats").path(0);
        assertThat(ogg.path("format").asString()).isEqualTo("ogg");
        String oggKey = "audio/" + user + "/" + job + "/1.ogg";
        assertThat(ogg.path("audio_key").asString()).isEqualTo(oggKey);
        assertThat(s3.headObject(b -> b.bucket(bucket()).key(oggKey)).contentType()).isEqualTo("audio/ogg");
    }

    @Test
    void shouldProduceOneObjectAndOneCompletedWhenTheRequestIsRedelivered() {
        UUID job = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        Map<String, Object> request = sizedRequest(job, user, 15, null);
        publish(request);
        publish(request);
        await().atMost(JOB_TIMEOUT).until(() -> events(job, "audio.completed"), l -> !l.isEmpty());
        publish(request);

        await().atMost(JOB_TIMEOUT).until(() -> jdbc.queryForObject(
                "select count(*) from audio_job where job_id = ? and status = 'COMPLETED'", Integer.class, job) == 1);
        // the later requests are consumed (the queue drains) and change nothing
        await().atMost(JOB_TIMEOUT).until(() -> rabbit.execute(ch -> ch.queueDeclarePassive(AudioWorkConfiguration.QUEUE))
                .getMessageCount() == 0);
        assertThat(events(job, "audio.completed")).hasSize(1);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket()).prefix("audio/" + user + "/")).contents()).hasSize(1);
        assertThat(jdbc.queryForObject("select attempts from audio_job where job_id = ?", Integer.class, job)).isEqualTo(1);
    }

    @Test
    void shouldTakeOverAJobWhoseWorkerDiedAndCompleteItOnce() {
        UUID job = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        // a worker claimed it and died: its lease ran out, its message comes back
        jdbc.update("""
                insert into audio_job (job_id, version, content_id, user_id, status, attempts, lease_owner, lease_until)
                values (?, 1, ?, ?, 'RENDERING', 1, ?, now() - interval '1 minute')""", job, job, user, UUID.randomUUID());
        publish(sizedRequest(job, user, 15, null));

        await().atMost(JOB_TIMEOUT).until(() -> events(job, "audio.completed"), l -> !l.isEmpty());
        assertThat(jdbc.queryForObject("select attempts from audio_job where job_id = ?", Integer.class, job)).isEqualTo(2);
        assertThat(events(job, "audio.completed")).hasSize(1);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket()).prefix("audio/" + user + "/")).contents()).hasSize(1);
    }

    /**
     * A worker killed mid-render (SIGKILL: no release, no renewal ever again) left a fresh lease behind. The job's message
     * comes back at once; the next worker takes the job over as soon as that lease runs out, one short lease later,
     * instead of minutes later.
     */
    @Test
    void shouldTakeOverTheJobOfAWorkerKilledMidRenderWithinOneShortLease() {
        UUID job = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        jdbc.update("""
                insert into audio_job (job_id, version, content_id, user_id, status, attempts, progress, stage, lease_owner, lease_until)
                values (?, 1, ?, ?, 'RENDERING', 1, 50, 'synthesizing', ?, now() + ? * interval '1 millisecond')""",
                job, job, user, UUID.randomUUID(), work.lease().toMillis());
        publish(sizedRequest(job, user, 15, null));

        await().atMost(work.lease().plus(JOB_TIMEOUT)).until(() -> events(job, "audio.completed"), l -> !l.isEmpty());
        assertThat(work.lease()).as("leases are short: renewed while a worker lives").isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(jdbc.queryForObject("select attempts from audio_job where job_id = ?", Integer.class, job)).isEqualTo(2);
        assertThat(events(job, "audio.completed")).hasSize(1);
    }

    @Test
    void shouldRenewALiveWorkersLeaseInTheBackgroundUntilItIsTakenFromIt() {
        UUID job = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        jdbc.update("""
                insert into audio_job (job_id, version, content_id, user_id, status, attempts, lease_owner, lease_until)
                values (?, 1, ?, ?, 'RENDERING', 1, ?, now() + interval '1 second')""", job, job, user, owner);
        AudioRequested request = new AudioRequested(job, job, user, 1, "affirmation", null, null, null, null, null, List.of());
        Timestamp first = leaseUntil(job);
        try (LeaseKeeper keeper = new LeaseKeeper(jobs, Duration.ofMillis(200));
                LeaseKeeper.Kept kept = keeper.keep(request, owner)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> leaseUntil(job).after(first));
            assertThat(kept.lost()).isFalse();
            jdbc.update("update audio_job set lease_owner = ? where job_id = ?", UUID.randomUUID(), job); // another worker took it
            await().atMost(Duration.ofSeconds(10)).until(kept::lost);
        }
    }

    private Timestamp leaseUntil(UUID job) {
        return jdbc.queryForObject("select lease_until from audio_job where job_id = ?", Timestamp.class, job);
    }

    @Test
    void shouldYieldOneAudioAndOneCompletedWhenTheListenerIsStoppedMidJobAndRestarted() throws Exception {
        UUID job = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        publish(sizedRequest(job, user, 240, Map.of("sound", "brown_noise", "level_db", -32)));
        await().atMost(JOB_TIMEOUT).until(() -> !events(job, "audio.progress").isEmpty());

        var container = listeners.getListenerContainer(AudioWorkConfiguration.LISTENER_ID);
        container.stop();
        try {
            assertThat(events(job, "audio.completed")).as("stopped before the job finished").isEmpty();
        } finally {
            container.start();
        }

        // A consumer still rendering when stop() gave up waiting aborts later and stops the container once more (Spring
        // AMQP's "Stopping container from aborted consumer"): the test restarts it until the restart holds, as an
        // operator's restart would.
        await().atMost(JOB_TIMEOUT).until(() -> {
            if (!container.isRunning()) {
                container.start();
            }
            return events(job, "audio.completed");
        }, l -> !l.isEmpty());
        await().atMost(JOB_TIMEOUT).until(() -> rabbit.execute(ch -> ch.queueDeclarePassive(AudioWorkConfiguration.QUEUE))
                .getMessageCount() == 0);
        assertThat(events(job, "audio.completed")).hasSize(1);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket()).prefix("audio/" + user + "/")).contents()).hasSize(1);
        assertThat(workDirsOf(job)).isEmpty();
    }

    @Test
    void shouldFailInvalidRequestsAtOnceWithoutRetryOrObject() {
        UUID job = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        publish(request(job, user, 10, List.of(Map.of("index", 0, "text", "Breathe.", "pause_after", 61)), null));

        JsonNode failed = await().atMost(JOB_TIMEOUT).until(() -> events(job, "audio.failed"), l -> !l.isEmpty()).getFirst();
        assertThat(failed.path("data").path("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(failed.path("data").path("retryable").asBoolean()).isFalse();
        assertThat(failed.path("data").path("reason").asString()).contains("60 s").doesNotContain("Exception");
        assertThat(jdbc.queryForObject("select attempts from audio_job where job_id = ?", Integer.class, job)).isZero();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket()).prefix("audio/" + user + "/")).contents()).isEmpty();
    }

    @Test
    void shouldParkAnUnreadableRequestInTheDeadLetterQueue() {
        String marker = "not-json-" + UUID.randomUUID();
        rabbit.send(Events.EXCHANGE, "audio.requested",
                new Message(marker.getBytes()));
        await().atMost(JOB_TIMEOUT).until(() -> {
            Message m = rabbit.receive(AudioWorkConfiguration.QUEUE + ".dlq");
            return m != null && new String(m.getBody()).equals(marker);
        });
    }
}
