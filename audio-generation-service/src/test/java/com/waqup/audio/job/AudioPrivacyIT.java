package com.waqup.audio.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.audio.AudioITSupport;
import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;

/** audio-generation's part of the account export and erasure (docs/privacy.md): rows and the person's S3 prefix. */
class AudioPrivacyIT extends AudioITSupport {

    @Autowired
    JdbcTemplate jdbc;

    final String service = bearer(TestTokens.shared().service("user-service", "audio-generation-service"));

    /** One rendered job plus {@code extraObjects} more objects under the person's prefix (older versions, an ogg). */
    UUID personWithAudio(int extraObjects) {
        UUID user = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        publish(request(job, user, 3, List.of(Map.of("index", 0, "text", "I am calm.", "pause_after", 1.0)), null));
        await().atMost(JOB_TIMEOUT).until(() -> events(job, "audio.completed"), l -> !l.isEmpty());
        for (int i = 0; i < extraObjects; i++) {
            String key = "audio/" + user + "/" + UUID.randomUUID() + "/" + (i + 1) + ".mp3";
            s3.putObject(b -> b.bucket(bucket()).key(key).contentType("audio/mpeg"), RequestBody.fromString("older audio " + i));
        }
        return user;
    }

    /** Rows of any table of the schema that mention the person's id, as text. */
    long rowsMentioning(UUID user) {
        List<String> tables = jdbc.queryForList("""
                select table_name from information_schema.tables where table_schema = 'audio' and table_type = 'BASE TABLE'""",
                String.class);
        assertThat(tables).contains("audio_job", "event_publication", "processed_event", "erased_user");
        long rows = 0;
        for (String table : tables) {
            rows += jdbc.queryForObject("select count(*) from audio.\"" + table + "\" t where t::text like ?", Long.class,
                    "%" + user + "%");
        }
        return rows;
    }

    @Test
    void shouldExportThePersonsAudioJobsToServicesOnly() {
        UUID user = personWithAudio(0);
        Http.Response export = Http.get(url("/internal/users/" + user + "/export"), "Authorization", service);
        assertThat(export.status()).isEqualTo(200);
        JsonNode body = export.json();
        assertThat(body.path("service").asString()).isEqualTo("audio-generation");
        assertThat(body.path("user_id").asString()).isEqualTo(user.toString());
        JsonNode job = body.path("data").path("audio_jobs").path(0);
        assertThat(body.path("data").path("audio_jobs")).hasSize(1);
        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("format").asString()).isEqualTo("mp3");
        assertThat(job.path("voice_id").asString()).isEqualTo("en-us-female");
        assertThat(job.path("audio_key").asString()).startsWith("audio/" + user + "/");
        assertThat(job.path("size_bytes").asLong()).isPositive();
        assertThat(job.has("lease_owner")).as("internal lease fields stay inside").isFalse();

        Http.Response asPerson = Http.get(url("/internal/users/" + user + "/export"), "Authorization",
                bearer(TestTokens.shared().user(user)));
        assertThat(asPerson.status()).isEqualTo(403);
        assertThat(asPerson.json().path("error").path("code").asString()).isNotBlank();
        assertThat(Http.get(url("/internal/users/" + user + "/export")).status()).isEqualTo(401);
    }

    @Test
    void shouldEraseThePersonsRowsAndEveryObjectUnderTheirPrefixOnceAndConfirm() {
        UUID user = personWithAudio(4);
        UUID other = personWithAudio(1);
        assertThat(keys("audio/" + user + "/")).hasSize(5);

        try (EventProbe confirmations = EventProbe.listen(rabbit, admin, "user.deleted.audio-generation")) {
            UUID eventId = UUID.randomUUID();
            Map<String, Object> deletion = Map.of("user_id", user.toString(), "requested_at", Instant.now().toString());
            EventProbe.publish(rabbit, eventId, "user.deletion_requested", deletion);
            EventProbe.publish(rabbit, eventId, "user.deletion_requested", deletion); // redelivered

            JsonNode confirmed = confirmations.await(e -> e.path("data").path("user_id").asString().equals(user.toString()),
                    Duration.ofSeconds(30));
            assertThat(confirmed.path("type").asString()).isEqualTo("user.deleted.audio-generation");
            assertThat(confirmed.path("data").path("service").asString()).isEqualTo("audio-generation");
            assertThat(confirmed.path("data").path("rows_deleted").asLong()).isEqualTo(1);
            assertThat(confirmed.path("data").path("objects_deleted").asLong()).as("5 objects over 3 listing pages").isEqualTo(5);
            assertThat(confirmations.all(Duration.ofSeconds(2)).stream()
                    .filter(e -> e.path("data").path("user_id").asString().equals(user.toString())))
                    .as("the redelivered request is not erased and confirmed twice").hasSize(1);
        }

        assertThat(keys("audio/" + user + "/")).as("the person's prefix is empty").isEmpty();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(rowsMentioning(user))
                .as("no table of schema audio mentions the person (relayed events are deleted from the outbox)").isZero());
        assertThat(keys("audio/" + other + "/")).as("nobody else is touched").hasSize(2);
        assertThat(jdbc.queryForObject("select count(*) from audio_job where user_id = ?", Long.class, other)).isEqualTo(1);

        // a request still queued for the erased person renders nothing and recreates nothing
        UUID late = UUID.randomUUID();
        publish(request(late, user, 3, List.of(Map.of("index", 0, "text", "I am calm.", "pause_after", 1.0)), null));
        UUID after = UUID.randomUUID();
        publish(request(after, other, 3, List.of(Map.of("index", 0, "text", "I am calm.", "pause_after", 1.0)), null));
        await().atMost(JOB_TIMEOUT).until(() -> events(after, "audio.completed"), l -> !l.isEmpty());
        await().atMost(JOB_TIMEOUT).until(() -> rabbit.execute(ch -> ch.queueDeclarePassive(AudioWorkConfiguration.QUEUE))
                .getMessageCount() == 0);
        assertThat(events(late, "audio.completed")).isEmpty();
        assertThat(events(late, "audio.failed")).isEmpty();
        assertThat(keys("audio/" + user + "/")).isEmpty();
        assertThat(rowsMentioning(user)).isZero();
    }

    @Test
    void shouldLeaveNoAudioWhenThePersonIsErasedWhileTheirJobRenders() {
        UUID user = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        try (EventProbe confirmations = EventProbe.listen(rabbit, admin, "user.deleted.audio-generation")) {
            publish(sizedRequest(job, user, 60, null));
            await().atMost(JOB_TIMEOUT).until(() -> events(job, "audio.progress"), l -> !l.isEmpty());
            EventProbe.publish(rabbit, "user.deletion_requested", Map.of("user_id", user.toString(), "requested_at", Instant.now().toString()));
            confirmations.await(e -> e.path("data").path("user_id").asString().equals(user.toString()), Duration.ofSeconds(30));
        }
        // whichever finished first, the job's upload or the erasure, nothing of the person remains once the job is over
        await().atMost(JOB_TIMEOUT).until(() -> workDirsOf(job).isEmpty()
                && rabbit.execute(ch -> ch.queueDeclarePassive(AudioWorkConfiguration.QUEUE)).getMessageCount() == 0);
        await().atMost(JOB_TIMEOUT).untilAsserted(() -> {
            assertThat(keys("audio/" + user + "/")).isEmpty();
            assertThat(rowsMentioning(user)).isZero();
        });
        assertThat(events(job, "audio.completed")).as("the erased job is not completed").isEmpty();
    }
}
