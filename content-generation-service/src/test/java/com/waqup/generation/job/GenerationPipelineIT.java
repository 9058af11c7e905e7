package com.waqup.generation.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.Http;
import com.waqup.generation.GenerationITSupport;
import com.waqup.generation.script.ScriptWriterException;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline on the real broker and the real credit-service, this test playing audio-generation-service: a job is
 * written and handed to audio ({@code audio.requested}); {@code audio.progress}, {@code audio.completed} and
 * {@code audio.failed} published by the test drive it to ready (hold captured, {@code content.ready}) or failed
 * (hold released, {@code generation.failed}); writer failures and the deadline release the hold too.
 */
class GenerationPipelineIT extends GenerationITSupport {

    @Autowired
    MeterRegistry meters;

    static final Map<String, Object> MEDITATION = Map.of("intent", "sleep", "emotional_context", "restless",
            "time_of_day", "evening", "place", "bed", "duration_seconds", 300, "pace", "slow", "voice_id", "en-us-female",
            "background_sound", "rain");

    record Job(UUID id, UUID user, String session) {
    }

    /** A job of a new person who had {@code credits}, created and handed to audio. */
    Job voicingJob(int credits, String type, Map<String, Object> request) {
        UUID user = personWithCredits(credits);
        String session = newSession();
        Http.Response created = createJob(session, user, type, request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().path("job_id").asString());
        awaitPublished("audio.requested", id);
        return new Job(id, user, session);
    }

    JsonNode status(Job job) {
        Http.Response response = Http.get(url("/api/v1/generations/" + job.id()), "Authorization", userToken(job.user()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    JsonNode awaitStatus(Job job, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(job), j -> status.equals(j.path("status").asString()));
    }

    Map<String, Object> ids(Job job) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", job.id().toString());
        data.put("content_id", job.id().toString());
        data.put("user_id", job.user().toString());
        data.put("version", 1);
        return data;
    }

    Map<String, Object> completed(Job job) {
        Map<String, Object> data = ids(job);
        data.put("audio_key", "audio/" + job.user() + "/" + job.id() + "/1.mp3");
        data.put("bucket", "waqup-audio");
        data.put("format", "mp3");
        data.put("content_type_header", "audio/mpeg");
        data.put("duration_seconds", 301.4);
        data.put("bitrate_kbps", 128);
        data.put("sample_rate_hz", 44100);
        data.put("size_bytes", 4823110);
        data.put("loudness_lufs", -16.0);
        data.put("true_peak_dbtp", -1.2);
        data.put("voice", Map.of("id", "en-us-female", "name", "Ava", "provider", "espeak"));
        data.put("extra_formats", List.of());
        return data;
    }

    EventEnvelope<Map<String, Object>> progress(Job job, int percent) {
        Map<String, Object> data = ids(job);
        data.put("progress", percent);
        data.put("stage", "synthesizing");
        return publishAsAudioService("audio.progress", data);
    }

    @Test
    void shouldWriteTheScriptAndRequestAudioWithTheContractShape() {
        Job job = voicingJob(3, "guided_meditation", MEDITATION);

        JsonNode requested = awaitPublished("audio.requested", job.id());
        assertThat(requested.path("type").asString()).isEqualTo("audio.requested");
        JsonNode data = requested.path("data");
        assertThat(data.path("content_id").asString()).isEqualTo(job.id().toString());
        assertThat(data.path("user_id").asString()).isEqualTo(job.user().toString());
        assertThat(data.path("version").asInt()).isEqualTo(1);
        assertThat(data.path("content_type").asString()).isEqualTo("guided_meditation");
        assertThat(data.path("voice_id").asString()).isEqualTo("en-us-female");
        assertThat(data.path("pace").asString()).isEqualTo("slow");
        assertThat(data.path("background").path("sound").asString()).isEqualTo("rain");
        assertThat(data.path("background").path("level_db").asDouble()).isEqualTo(-30.0);
        assertThat(data.path("formats").toString()).isEqualTo("[\"mp3\"]");
        assertThat(data.path("target_duration_seconds").asInt()).isEqualTo(300);
        JsonNode segments = data.path("segments");
        assertThat(segments.size()).isGreaterThan(5);
        int words = 0;
        double pauses = 0;
        StringBuilder said = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            JsonNode segment = segments.get(i);
            assertThat(segment.path("index").asInt()).isEqualTo(i);
            assertThat(segment.path("text").asString()).isNotBlank();
            assertThat(segment.path("pause_after").asDouble()).isBetween(0.0, 60.0);
            words += segment.path("text").asString().strip().split("\\s+").length;
            pauses += segment.path("pause_after").asDouble();
            said.append(segment.path("text").asString()).append(' ');
        }
        double seconds = words * 60.0 / 120 + pauses; // slow = 120 words per minute
        assertThat(seconds).as("the voiced length meets the request within 10 %").isBetween(270.0, 330.0);
        assertThat(said.toString().toLowerCase()).contains("bed").contains("restless");

        JsonNode state = status(job);
        assertThat(state.path("status").asString()).isEqualTo("voicing");
        assertThat(state.path("progress").asInt()).isEqualTo(30);
        List<Integer> progress = published("generation.progress", job.id()).stream()
                .map(e -> e.path("data").path("progress").asInt()).toList();
        assertThat(progress).containsExactly(10, 30);
        JsonNode writing = published("generation.progress", job.id()).getFirst().path("data");
        assertThat(writing.path("status").asString()).isEqualTo("writing");
        assertThat(writing.path("session_id").asString()).isEqualTo(job.session());
        assertThat(writing.path("ritual_id").asString()).isEqualTo(job.id().toString());

        Map<String, Object> stored = jdbc.queryForMap("select title, depth, writer, plain_text, voice_id from generation_script"
                + " where job_id = ?", job.id());
        assertThat(stored).containsEntry("writer", "composer").containsEntry("depth", "medium")
                .containsEntry("voice_id", "en-us-female");
        assertThat((String) stored.get("title")).isNotBlank();
    }

    @Test
    void shouldSendNoBackgroundAndTheDefaultVoiceWhenTheRequestNamesNone() {
        Job job = voicingJob(2, "affirmation", Map.of("intent", "confidence", "duration_seconds", 60,
                "background_sound", "none"));

        JsonNode data = awaitPublished("audio.requested", job.id()).path("data");
        assertThat(data.has("background")).isTrue();
        assertThat(data.path("background").isNull()).isTrue();
        assertThat(data.path("voice_id").isNull()).isTrue();
        assertThat(data.path("pace").asString()).isEqualTo("moderate");
    }

    @Test
    void shouldWriteAndVoiceAGuidedMeditationSlowerWhenThePersonChoseNoPace() {
        Job job = voicingJob(3, "guided_meditation", Map.of("intent", "calm", "duration_seconds", 300));

        JsonNode data = awaitPublished("audio.requested", job.id()).path("data");
        assertThat(data.path("pace").asString()).isEqualTo("slower");
        double words = 0;
        double pauses = 0;
        for (JsonNode segment : data.path("segments")) {
            words += segment.path("text").asString().strip().split("\\s+").length;
            pauses += segment.path("pause_after").asDouble();
        }
        assertThat(words * 60.0 / 110 + pauses).as("sized at 110 words per minute").isBetween(270.0, 330.0);
        Number estimated = (Number) jdbc.queryForMap("select estimated_seconds from generation_script where job_id = ?",
                job.id()).get("estimated_seconds");
        assertThat(estimated.doubleValue()).isEqualTo(words * 60.0 / 110 + pauses, within(1.0));
    }

    @Test
    void shouldCaptureTheHoldAndPublishContentReadyOnceWhenAudioCompletes() {
        double readyBefore = meters.get("waqup.generation.jobs").tag("content_type", "guided_meditation")
                .tag("outcome", "ready").counter().count();
        long totalBefore = meters.get("waqup.generation.stage").tag("stage", "total")
                .tag("content_type", "guided_meditation").timer().count();
        long scriptBefore = meters.get("waqup.generation.stage").tag("stage", "script")
                .tag("content_type", "guided_meditation").timer().count();
        Job job = voicingJob(3, "guided_meditation", MEDITATION);
        assertThat(available(job.user())).isEqualTo(1);

        progress(job, 50);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(job).path("progress").asInt() == 63);
        progress(job, 20); // late: ignored
        progress(job, 80);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(job).path("progress").asInt() == 82);

        EventEnvelope<Map<String, Object>> done = publishAsAudioService("audio.completed", completed(job));
        JsonNode ready = awaitStatus(job, "ready");
        assertThat(ready.path("progress").asInt()).isEqualTo(100);
        assertThat(ready.path("failure_reason").isNull()).isTrue();
        assertThat(hold(job.id()).json().path("status").asString()).isEqualTo("captured");
        assertThat(available(job.user())).as("charged exactly the meditation's 2 credits").isEqualTo(1);
        // the creation dashboard's and alerts' figures: a ready job, its request-to-ready time, its script stage
        assertThat(meters.get("waqup.generation.jobs").tag("content_type", "guided_meditation").tag("outcome", "ready")
                .counter().count()).isGreaterThan(readyBefore);
        assertThat(meters.get("waqup.generation.stage").tag("stage", "total").tag("content_type", "guided_meditation")
                .timer().count()).isGreaterThan(totalBefore);
        assertThat(meters.get("waqup.generation.stage").tag("stage", "script").tag("content_type", "guided_meditation")
                .timer().count()).isGreaterThan(scriptBefore);
        assertThat(meters.find("waqup.llm.requests").tag("operation", "script").tag("outcome", "success").timers())
                .as("the writer's latency").anyMatch(t -> t.count() > 0);

        republish(done); // redelivered
        publishAsAudioService("audio.completed", completed(job)); // reported twice
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> published("content.ready", job.id()).size() == 1);
        assertThat(available(job.user())).isEqualTo(1);

        List<Integer> progress = new ArrayList<>(published("generation.progress", job.id()).stream()
                .map(e -> e.path("data").path("progress").asInt()).toList());
        assertThat(progress).as("only growing").isSorted().doesNotHaveDuplicates().contains(63, 82);

        JsonNode content = published("content.ready", job.id()).getFirst().path("data");
        assertThat(content.path("content_id").asString()).isEqualTo(job.id().toString());
        assertThat(content.path("ritual_id").asString()).isEqualTo(job.id().toString());
        assertThat(content.path("user_id").asString()).isEqualTo(job.user().toString());
        assertThat(content.path("session_id").asString()).isEqualTo(job.session());
        assertThat(content.path("version").asInt()).isEqualTo(1);
        assertThat(content.path("content_type").asString()).isEqualTo("guided_meditation");
        assertThat(content.path("title").asString()).isNotBlank();
        assertThat(content.path("content_text").asString()).contains("bed");
        assertThat(content.path("structure").path("type").asString()).isEqualTo("guided_meditation");
        assertThat(content.path("structure").path("sections").size()).isEqualTo(5);
        assertThat(content.path("structure").path("sections").get(0).path("segments").get(0).has("pause_after")).isTrue();
        assertThat(content.path("context").path("intent").asString()).isEqualTo("sleep");
        assertThat(content.path("context").path("place").asString()).isEqualTo("bed");
        assertThat(content.path("tags").toString()).contains("sleep").contains("guided_meditation");
        assertThat(content.path("depth").asString()).isEqualTo("medium");
        assertThat(content.path("voice").path("id").asString()).isEqualTo("en-us-female");
        assertThat(content.path("voice").path("name").asString()).isEqualTo("Ava");
        assertThat(content.path("audio_key").asString()).isEqualTo("audio/" + job.user() + "/" + job.id() + "/1.mp3");
        assertThat(content.path("audio_format").asString()).isEqualTo("mp3");
        assertThat(content.path("audio_duration").asLong()).isEqualTo(301);
        assertThat(content.path("audio_size_bytes").asLong()).isEqualTo(4823110);
        assertThat(content.path("bitrate_kbps").asInt()).isEqualTo(128);
        assertThat(content.path("credits_charged").asInt()).isEqualTo(2);
        assertThat(content.path("created_at").asString()).endsWith("Z");
        assertThat(published("generation.failed", job.id())).isEmpty();
    }

    @Test
    void shouldReleaseTheHoldAndFailTheJobWhenAudioFails() {
        Job job = voicingJob(3, "ritual", Map.of("intent", "focus", "duration_seconds", 120));
        assertThat(available(job.user())).isEqualTo(2);

        Map<String, Object> failed = ids(job);
        failed.put("code", "TTS_FAILED");
        failed.put("reason", "the voice engine stopped");
        failed.put("retryable", false);
        publishAsAudioService("audio.failed", failed);

        JsonNode state = awaitStatus(job, "failed");
        assertThat(state.path("failure_reason").asString()).contains("the voice engine stopped");
        assertThat(available(job.user())).as("balance unchanged").isEqualTo(3);
        assertThat(hold(job.id()).json().path("status").asString()).isEqualTo("released");
        JsonNode event = awaitPublished("generation.failed", job.id()).path("data");
        assertThat(event.path("code").asString()).isEqualTo("TTS_FAILED");
        assertThat(event.path("reason").asString()).contains("the voice engine stopped");
        assertThat(event.path("credits_released").asBoolean()).isTrue();
        assertThat(event.path("session_id").asString()).isEqualTo(job.session());

        publishAsAudioService("audio.completed", completed(job)); // too late: the job already failed
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> "failed".equals(status(job).path("status").asString()));
        assertThat(published("content.ready", job.id())).isEmpty();
        assertThat(available(job.user())).isEqualTo(3);
    }

    @Test
    void shouldReleaseTheHoldWhenTheScriptWriterFails() {
        UUID user = personWithCredits(2);
        String session = newSession();
        UUID jobId = GenerationJob.idFor(session);
        doThrow(new ScriptWriterException("the OpenAI call failed: the vendor answered HTTP 500", null))
                .when(scriptWriter).write(argThat(r -> r != null && jobId.equals(r.jobId())));

        Http.Response created = createJob(session, user, "affirmation", Map.of("intent", "calm"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Job job = new Job(jobId, user, session);

        JsonNode state = awaitStatus(job, "failed");
        assertThat(state.path("failure_reason").asString()).contains("could not be written").contains("HTTP 500");
        assertThat(available(user)).isEqualTo(2);
        assertThat(hold(jobId).json().path("status").asString()).isEqualTo("released");
        JsonNode event = awaitPublished("generation.failed", jobId).path("data");
        assertThat(event.path("code").asString()).isEqualTo("WRITER_FAILED");
        assertThat(event.path("credits_released").asBoolean()).isTrue();
        assertThat(published("audio.requested", jobId)).isEmpty();
    }

    @Test
    void shouldWriteAJobAgainWhenItsWriterIsStuckAndDropTheStaleScript() throws Exception {
        UUID user = personWithCredits(1);
        String session = newSession();
        UUID jobId = GenerationJob.idFor(session);
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        Mockito.doAnswer(invocation -> {
            if (first.getAndSet(false)) { // the first writer hangs, as if its process were gone
                stuck.countDown();
                release.await(60, TimeUnit.SECONDS);
            }
            return invocation.callRealMethod();
        }).when(scriptWriter).write(argThat(r -> r != null && jobId.equals(r.jobId())));

        assertThat(createJob(session, user, "affirmation", Map.of("intent", "calm", "duration_seconds", 60)).status())
                .isEqualTo(201);
        assertThat(stuck.await(30, TimeUnit.SECONDS)).isTrue();
        jdbc.update("update generation_job set updated_at = updated_at - interval '4 minutes' where id = ?", jobId);

        Job job = new Job(jobId, user, session);
        awaitStatus(job, "voicing");
        assertThat(jdbc.queryForObject("select writing_attempts from generation_job where id = ?", Integer.class, jobId))
                .isEqualTo(2);
        release.countDown();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
                .until(() -> published("audio.requested", jobId).size() == 1 && "voicing".equals(status(job).path("status").asString()));
    }

    @Test
    void shouldFailAJobPastItsDeadlineAndReleaseItsHold() {
        Job job = voicingJob(1, "affirmation", Map.of("intent", "joy", "duration_seconds", 60));
        assertThat(available(job.user())).isZero();

        jdbc.update("update generation_job set created_at = created_at - interval '11 minutes' where id = ?", job.id());

        JsonNode state = awaitStatus(job, "failed");
        assertThat(state.path("failure_reason").asString()).contains("not ready within 10 minutes");
        assertThat(available(job.user())).isEqualTo(1);
        assertThat(awaitPublished("generation.failed", job.id()).path("data").path("code").asString()).isEqualTo("TIMEOUT");
    }

    @Test
    void shouldFailInsteadOfDeliveringForFreeWhenTheHoldExpiredBeforeTheCapture() {
        Job job = voicingJob(2, "affirmation", Map.of("intent", "gratitude", "duration_seconds", 60));
        Http.Response expired = creditsPost("/internal/credits/holds/" + job.id() + "/release", Map.of("reason", "expired"));
        assertThat(expired.status()).as(expired.body()).isEqualTo(200);

        publishAsAudioService("audio.completed", completed(job));

        JsonNode state = awaitStatus(job, "failed");
        assertThat(state.path("failure_reason").asString()).contains("expired");
        JsonNode event = awaitPublished("generation.failed", job.id()).path("data");
        assertThat(event.path("code").asString()).isEqualTo("HOLD_EXPIRED");
        assertThat(event.path("credits_released").asBoolean()).isTrue();
        assertThat(available(job.user())).as("nothing charged").isEqualTo(2);
        assertThat(published("content.ready", job.id())).isEmpty();
    }

    @Test
    void shouldIgnoreAudioEventsOfUnknownJobsAndShowJobsOnlyToTheirOwner() {
        Job job = voicingJob(1, "affirmation", Map.of("intent", "calm", "duration_seconds", 60));
        publishAsAudioService("audio.completed", completed(new Job(UUID.randomUUID(), job.user(), "none")));
        Map<String, Object> otherVersion = completed(job);
        otherVersion.put("version", 7);
        publishAsAudioService("audio.completed", otherVersion);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> "voicing".equals(status(job).path("status").asString()));
        Http.Response stranger = Http.get(url("/api/v1/generations/" + job.id()), "Authorization", userToken(UUID.randomUUID()));
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(hold(job.id()).json().path("status").asString()).isEqualTo("open");
    }
}
