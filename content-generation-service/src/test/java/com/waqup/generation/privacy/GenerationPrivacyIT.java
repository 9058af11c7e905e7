package com.waqup.generation.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.TestDatabase;
import com.waqup.generation.GenerationITSupport;

import tools.jackson.databind.JsonNode;

/** content-generation's part of the account export and erasure (docs/privacy.md). */
class GenerationPrivacyIT extends GenerationITSupport {

    UUID jobFor(UUID person) {
        Http.Response created = createJob(newSession(), person, "affirmation", Map.of("intent", "confidence", "duration_seconds", 60));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID job = UUID.fromString(created.json().path("job_id").asString());
        awaitPublished("audio.requested", job); // written: the script is stored
        return job;
    }

    @Test
    void shouldExportThePersonsJobsWithTheirScriptsToServicesOnly() {
        UUID person = personWithCredits(3);
        UUID job = jobFor(person);
        Http.Response export = Http.get(url("/internal/users/" + person + "/export"), "Authorization", serviceToken());
        assertThat(export.status()).isEqualTo(200);
        JsonNode generations = export.json().path("data").path("generations");
        assertThat(generations).hasSize(1);
        assertThat(generations.get(0).path("id").asString()).isEqualTo(job.toString());
        assertThat(generations.get(0).path("script_text").asString()).isNotBlank();
        assertThat(Http.get(url("/internal/users/" + person + "/export"), "Authorization", userToken(person)).status()).isEqualTo(403);
    }

    @Test
    void shouldEraseEveryJobAndScriptOfThePersonAndConfirm() {
        UUID person = personWithCredits(3);
        UUID bystander = personWithCredits(3);
        jobFor(person);
        UUID kept = jobFor(bystander);
        try (EventProbe confirmations = EventProbe.listen(rabbit, amqp, "user.deleted.content-generation")) {
            EventProbe.publish(rabbit, "user.deletion_requested", Map.of("user_id", person.toString(), "requested_at", Instant.now().toString()));
            JsonNode confirmed = confirmations.await(e -> e.path("data").path("user_id").asString().equals(person.toString()),
                    Duration.ofSeconds(20));
            assertThat(confirmed.path("data").path("service").asString()).isEqualTo("content-generation");
            assertThat(confirmed.path("data").path("rows_deleted").asLong()).isEqualTo(2); // the job and its script
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestDatabase.rowsNaming("generation", person))
                .as("no row of schema generation names the person (outbox included)").isEmpty());
        assertThat(jdbc.queryForObject("select count(*) from generation_job where id = ?", Long.class, kept)).isEqualTo(1);
    }
}
