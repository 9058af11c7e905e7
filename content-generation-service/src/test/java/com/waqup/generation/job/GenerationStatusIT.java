package com.waqup.generation.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.generation.GenerationITSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Following a job: {@code GET /api/v1/generations/{id}} for its owner, {@code GET /internal/generations/{id}} for services. */
class GenerationStatusIT extends GenerationITSupport {

    /** A job of a person who has the credits for it. */
    UUID createdFor(UUID user, String contentType, Map<String, Object> request) {
        grant(user, 2);
        Http.Response created = createJob(newSession(), user, contentType, request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().path("job_id").asString());
    }

    Http.Response asPerson(UUID user, String path) {
        return Http.get(url(path), "Authorization", userToken(user));
    }

    @Test
    void shouldShowTheJobToItsOwner() {
        UUID owner = UUID.randomUUID();
        UUID jobId = createdFor(owner, "affirmation", Map.of("intent", "confidence"));

        Http.Response response = asPerson(owner, "/api/v1/generations/" + jobId);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode job = response.json();
        assertThat(job.path("id").asString()).isEqualTo(jobId.toString());
        assertThat(job.path("ritual_id").asString()).isEqualTo(jobId.toString());
        assertThat(job.path("status").asString()).as("the worker takes the job at once").isIn("queued", "writing", "voicing");
        assertThat(job.path("progress").asInt()).isBetween(0, 30);
        assertThat(job.path("content_type").asString()).isEqualTo("affirmation");
        assertThat(job.path("estimated_time").asInt()).as("5 s + 3 min of audio × 2 s").isEqualTo(11);
        assertThat(job.has("failure_reason")).isTrue();
        assertThat(job.path("failure_reason").isNull()).isTrue();
        assertThat(job.path("created_at").asString()).endsWith("Z");
        assertThat(job.has("user_id")).as("the person knows who they are").isFalse();
        assertThat(job.has("session_id")).isFalse();
    }

    @Test
    void shouldAnswer404ForSomeoneElsesJobExactlyAsForAnUnknownOne() {
        UUID owner = UUID.randomUUID();
        UUID jobId = createdFor(owner, "ritual", Map.of("intent", "sleep"));

        Http.Response othersJob = asPerson(UUID.randomUUID(), "/api/v1/generations/" + jobId);
        Http.Response unknown = asPerson(owner, "/api/v1/generations/" + UUID.randomUUID());

        for (Http.Response response : new Http.Response[] { othersJob, unknown }) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().path("error").path("code").asString()).isEqualTo("GENERATION_NOT_FOUND");
        }
        assertThat(othersJob.json().path("error").path("message").asString())
                .isEqualTo(unknown.json().path("error").path("message").asString());
        assertThat(othersJob.body()).doesNotContain(owner.toString());
    }

    @Test
    void shouldRefuseAMalformedIdAndCallersThatAreNotPeople() {
        Http.Response malformed = asPerson(UUID.randomUUID(), "/api/v1/generations/not-a-uuid");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").path("code").asString()).isEqualTo("VALIDATION_FAILED");

        Http.Response asService = Http.get(url("/api/v1/generations/" + UUID.randomUUID()), "Authorization", serviceToken());
        assertThat(asService.status()).isEqualTo(403);
        assertThat(Http.get(url("/api/v1/generations/" + UUID.randomUUID())).status()).isEqualTo(401);
    }

    @Test
    void shouldShowAnyJobToServices() {
        UUID owner = UUID.randomUUID();
        UUID jobId = createdFor(owner, "guided_meditation", Map.of("intent", "calm", "duration_seconds", 300));

        Http.Response response = Http.get(url("/internal/generations/" + jobId), "Authorization", serviceToken());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode job = response.json();
        assertThat(job.path("id").asString()).isEqualTo(jobId.toString());
        assertThat(job.path("ritual_id").asString()).isEqualTo(jobId.toString());
        assertThat(job.path("user_id").asString()).isEqualTo(owner.toString());
        assertThat(job.path("session_id").asString()).startsWith("session-");
        assertThat(job.path("status").asString()).isIn("queued", "writing", "voicing");
        assertThat(job.path("cost").asInt()).isEqualTo(2);
        assertThat(job.path("estimated_time").asInt()).as("5 s + 5 min of audio × 2 s").isEqualTo(15);

        Http.Response unknown = Http.get(url("/internal/generations/" + UUID.randomUUID()), "Authorization", serviceToken());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").path("code").asString()).isEqualTo("GENERATION_NOT_FOUND");
        assertThat(Http.get(url("/internal/generations/" + jobId), "Authorization", userToken(owner)).status())
                .as("people use /api/v1/generations").isEqualTo(403);
    }
}
