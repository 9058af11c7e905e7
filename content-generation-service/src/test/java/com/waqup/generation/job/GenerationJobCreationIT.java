package com.waqup.generation.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.waqup.common.test.Http;
import com.waqup.generation.GenerationITSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /internal/generations} against the real credit-service: job record plus credit hold, once per session. */
class GenerationJobCreationIT extends GenerationITSupport {

    static final Map<String, Object> SLOTS = Map.of("intent", "sleep", "context", Map.of("time", "evening"),
            "duration_seconds", 600, "voice_id", "platform-calm", "pace", "slow", "tone", "calm",
            "title_idea", "Evening calm");


    int jobsOfSession(String sessionId) {
        return jdbc.queryForObject("select count(*) from generation_job where session_id = ?", Integer.class, sessionId);
    }

    @Test
    void shouldCreateTheJobAndHoldItsCreditsInCreditService() {
        UUID user = personWithCredits(3);
        String session = newSession();

        Http.Response created = createJob(session, user, "guided_meditation", SLOTS);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode body = created.json();
        UUID jobId = UUID.fromString(body.path("job_id").asString());
        assertThat(body.path("ritual_id").asString()).as("the job's id is the content item's").isEqualTo(jobId.toString());
        assertThat(body.path("status").asString()).isEqualTo("queued");
        assertThat(body.path("cost").asInt()).isEqualTo(2);
        assertThat(body.path("estimated_time").isIntegralNumber()).isTrue();
        assertThat(body.path("estimated_time").asInt()).as("5 s + 10 min of audio × 2 s").isEqualTo(25);
        assertThat(jobId).isEqualTo(GenerationJob.idFor(session));

        JsonNode hold = hold(jobId).json();
        assertThat(hold.path("status").asString()).isEqualTo("open");
        assertThat(hold.path("amount").asInt()).isEqualTo(2);
        assertThat(hold.path("user_id").asString()).isEqualTo(user.toString());
        assertThat(available(user)).as("the held credits are no longer available").isEqualTo(1);

        Map<String, Object> row = jdbc.queryForMap("select user_id, status, progress, cost, content_type, request::text as request,"
                + " estimated_seconds, failure_reason from generation_job where id = ?", jobId);
        assertThat(row).as("the worker takes the job at once").containsEntry("user_id", user)
                .containsEntry("cost", 2).containsEntry("content_type", "guided_meditation")
                .containsEntry("estimated_seconds", 25);
        assertThat(row.get("status")).isIn("queued", "writing", "voicing");
        assertThat(row.get("failure_reason")).isNull();
        assertThat(tree((String) row.get("request"))).as("the confirmed slots, stored as sent").isEqualTo(tree(json(SLOTS)));
    }

    @Test
    void shouldReturnTheSameJobWithoutHoldingAgainWhenTheSessionIsRepeated() {
        UUID user = personWithCredits(5);
        String session = newSession();

        Http.Response first = createJob(session, user, "ritual", SLOTS);
        Http.Response again = createJob(session, user, "ritual", SLOTS);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).as("a repeat is 200 with the same body").isEqualTo(200);
        for (String field : new String[] { "job_id", "ritual_id", "estimated_time", "cost" }) {
            assertThat(again.json().path(field)).as(field).isEqualTo(first.json().path(field));
        }
        assertThat(again.json().path("status").asString()).as("its current state: the worker took it at once")
                .isIn("queued", "writing", "voicing");
        assertThat(jobsOfSession(session)).isEqualTo(1);
        assertThat(available(user)).as("charged once").isEqualTo(4);
    }

    @Test
    void shouldCreateOneJobAndOneHoldWhenTheSameSessionArrivesConcurrently() throws Exception {
        UUID user = personWithCredits(5);
        String session = newSession();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Http.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> createJob(session, user, "affirmation", SLOTS));
            }
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
            assertThat(responses).extracting(Http.Response::status).as(responses.toString()).containsOnly(200, 201)
                    .filteredOn(s -> s == 201).hasSize(1);
            assertThat(responses).extracting(r -> r.json().path("job_id").asString()).containsOnly(GenerationJob.idFor(session).toString());
        } finally {
            pool.shutdownNow();
        }
        assertThat(jobsOfSession(session)).isEqualTo(1);
        assertThat(available(user)).as("charged once").isEqualTo(4);
    }

    @Test
    void shouldReturn402AndStoreNothingWhenCreditsAreShort() {
        UUID user = personWithCredits(1);
        String session = newSession();

        Http.Response refused = createJob(session, user, "guided_meditation", SLOTS);

        assertThat(refused.status()).as(refused.body()).isEqualTo(402);
        JsonNode error = refused.json().path("error");
        assertThat(error.path("code").asString()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(error.path("details").path("required").asInt()).isEqualTo(2);
        assertThat(error.path("details").path("available").asInt()).isEqualTo(1);
        assertThat(error.path("trace_id").asString()).isNotBlank();
        assertThat(jobsOfSession(session)).isZero();
        assertThat(hold(GenerationJob.idFor(session)).status()).isEqualTo(404);
        assertThat(available(user)).isEqualTo(1);

        Http.Response stranger = createJob(newSession(), UUID.randomUUID(), "affirmation", SLOTS);
        assertThat(stranger.status()).as("no credits at all").isEqualTo(402);
        assertThat(stranger.json().path("error").path("details").path("available").asInt()).isZero();
    }

    @Test
    void shouldHoldWhatEachContentTypeCosts() {
        UUID user = personWithCredits(10);
        Map<String, Integer> costs = Map.of("affirmation", 1, "ritual", 1, "guided_meditation", 2);
        costs.forEach((type, cost) -> {
            Http.Response created = createJob(newSession(), user, type, Map.of("intent", "focus"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().path("cost").asInt()).as(type).isEqualTo(cost);
            UUID jobId = UUID.fromString(created.json().path("job_id").asString());
            assertThat(hold(jobId).json().path("amount").asInt()).as(type).isEqualTo(cost);
        });
        assertThat(available(user)).isEqualTo(6);
    }

    @Test
    void shouldReuseTheHoldOfAnAttemptThatCrashedBeforeStoringTheJob() {
        UUID user = personWithCredits(2);
        String session = newSession();
        UUID jobId = GenerationJob.idFor(session);
        // what a crash right after the hold leaves behind: credits held for the job id, no job stored
        Http.Response earlier = creditsPost("/internal/credits/holds", Map.of("job_id", jobId.toString(),
                "user_id", user.toString(), "content_type", "ritual", "content_id", jobId.toString()));
        assertThat(earlier.status()).isEqualTo(201);
        assertThat(available(user)).isEqualTo(1);

        Http.Response retried = createJob(session, user, "ritual", SLOTS);

        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.json().path("job_id").asString()).isEqualTo(jobId.toString());
        assertThat(hold(jobId).json().path("hold_id").asString()).as("the same hold")
                .isEqualTo(earlier.json().path("hold_id").asString());
        assertThat(available(user)).as("charged once").isEqualTo(1);
        assertThat(jobsOfSession(session)).isEqualTo(1);
    }

    @Test
    void shouldRefuseASessionWhoseEarlierHoldWasAlreadyReleased() {
        UUID user = personWithCredits(2);
        String session = newSession();
        UUID jobId = GenerationJob.idFor(session);
        creditsPost("/internal/credits/holds", Map.of("job_id", jobId.toString(), "user_id", user.toString(),
                "content_type", "ritual", "content_id", jobId.toString()));
        assertThat(creditsPost("/internal/credits/holds/" + jobId + "/release", Map.of("reason", "expired")).status()).isEqualTo(200);

        Http.Response refused = createJob(session, user, "ritual", SLOTS);

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("CREDIT_HOLD_RELEASED");
        assertThat(jobsOfSession(session)).isZero();
        assertThat(available(user)).isEqualTo(2);
    }

    @Test
    void shouldRefuseTheSameSessionWithOtherParameters() {
        UUID owner = personWithCredits(3);
        UUID other = personWithCredits(3);
        String session = newSession();
        assertThat(createJob(session, owner, "ritual", SLOTS).status()).isEqualTo(201);

        Http.Response otherPerson = createJob(session, other, "ritual", SLOTS);
        Http.Response otherType = createJob(session, owner, "guided_meditation", SLOTS);

        assertThat(otherPerson.status()).isEqualTo(409);
        assertThat(otherPerson.json().path("error").path("code").asString()).isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(otherType.status()).isEqualTo(409);
        assertThat(available(other)).isEqualTo(3);
        assertThat(available(owner)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select content_type from generation_job where session_id = ?", String.class, session))
                .isEqualTo("ritual");
    }

    @Test
    void shouldKeepJobCreationForServices() {
        UUID user = personWithCredits(1);
        String session = newSession();
        String body = json(Map.of("session_id", session, "user_id", user.toString(), "content_type", "ritual",
                "request", SLOTS));

        Http.Response asUser = Http.post(url("/internal/generations"), body, "Content-Type", "application/json",
                "Authorization", userToken(user));
        Http.Response anonymous = Http.post(url("/internal/generations"), body, "Content-Type", "application/json");

        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.json().path("error").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(jobsOfSession(session)).isZero();
        assertThat(available(user)).isEqualTo(1);
    }

    @Test
    void shouldRefuseInvalidRequestsBeforeHoldingAnything() {
        UUID user = personWithCredits(2);
        String session = newSession();

        assertInvalid(createJob(session, user, "podcast", SLOTS), "content_type");
        assertInvalid(createJob(session, user, null, SLOTS), "content_type");
        assertInvalid(createJob(session, null, "ritual", SLOTS), "user_id");
        assertInvalid(Http.post(url("/internal/generations"), "{\"session_id\":\"" + session
                + "\",\"user_id\":\"not-a-uuid\",\"content_type\":\"ritual\",\"request\":{}}",
                "Content-Type", "application/json", "Authorization", serviceToken()), "user_id");
        assertInvalid(createJob(" ", user, "ritual", SLOTS), "session_id");
        assertInvalid(createJob("s".repeat(101), user, "ritual", SLOTS), "session_id");
        assertInvalid(createJob(session, user, "ritual", null), "request");
        assertInvalid(createJob(session, user, "ritual", List.of("sleep")), "request");
        assertInvalid(createJob(session, user, "ritual", "sleep"), "request");
        assertInvalid(createJob(session, user, "ritual", Map.of("notes", "x".repeat(16 * 1024))), "request");
        assertInvalid(createJob(session, user, "ritual", Map.of("intent", "sleep\u0000")), "request");

        assertThat(jobsOfSession(session)).isZero();
        assertThat(hold(GenerationJob.idFor(session)).status()).isEqualTo(404);
        assertThat(available(user)).isEqualTo(2);

        Http.Response nearTheLimit = createJob(session, user, "ritual", Map.of("notes", "x".repeat(16 * 1024 - 20)));
        assertThat(nearTheLimit.status()).as("16 KB of JSON is accepted").isEqualTo(201);
    }

    static void assertInvalid(Http.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode error = response.json().path("error");
        assertThat(error.path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(error.path("details").path("fields").has(field)).as(response.body()).isTrue();
    }
}
