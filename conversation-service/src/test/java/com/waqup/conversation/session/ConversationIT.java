package com.waqup.conversation.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The seed's Conversation APIs against real Redis, PostgreSQL, credit-service and content-generation-service. */
class ConversationIT extends ConversationITSupport {

    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate jdbc;

    final UUID user = UUID.randomUUID();
    final String token = TestTokens.shared().user(user);

    Http.Response post(String path, String body) {
        return post(token, path, body);
    }

    Http.Response post(String as, String path, String body) {
        return Http.post(url("/api/v1/conversation" + path), body, "Content-Type", "application/json", "Authorization", bearer(as));
    }

    String start(String type) {
        Http.Response r = post("/start", "{\"content_type\":\"" + type + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("session_id").asString();
    }

    JsonNode say(String session, String message) {
        Http.Response r = post("/message", "{\"session_id\":\"" + session + "\",\"message\":\"" + message + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    String readyForConfirmation() {
        String session = start("ritual");
        say(session, "A 10 minute morning ritual at home for confidence, I'm nervous");
        JsonNode confirmation = say(session, "sounds good");
        assertThat(confirmation.path("state").asString()).isEqualTo("Confirmation");
        return session;
    }

    @Test
    void shouldStartWithATypeSpecificGreeting() {
        Http.Response r = post("/start", "{\"content_type\":\"guided_meditation\",\"intent\":\"sleep\"}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(UUID.fromString(body.path("session_id").asString())).isNotNull();
        assertThat(body.path("content_type").asString()).isEqualTo("guided_meditation");
        assertThat(body.path("state").asString()).isEqualTo("Greeting");
        assertThat(body.path("message").asString()).containsIgnoringCase("meditation").contains("sleep");
        Http.Response ritual = post("/start", "{\"content_type\":\"ritual\"}");
        assertThat(ritual.json().path("message").asString()).containsIgnoringCase("ritual");
    }

    @Test
    void shouldWalkToAConfirmationCardWithCostAndBalance() {
        giveCredits(user, 3);
        String session = start("ritual");
        JsonNode first = say(session, "I want to feel more confident at work");
        assertThat(first.path("state").asString()).isEqualTo("ContextGathering");
        assertThat(first.path("context").path("intent").asString()).isEqualTo("confidence");
        assertThat(first.path("context").path("place").asString()).isEqualTo("work");
        JsonNode second = say(session, "in the morning, ten minutes");
        assertThat(second.path("state").asString()).isEqualTo("Personalization");
        JsonNode confirmation = say(session, "yes, that's fine");
        assertThat(confirmation.path("state").asString()).isEqualTo("Confirmation");
        JsonNode summary = confirmation.path("summary");
        assertThat(summary.path("content_type").asString()).isEqualTo("ritual");
        assertThat(summary.path("title").asString()).isEqualTo("Morning Confidence");
        assertThat(summary.path("duration").asString()).isEqualTo("10 minutes");
        assertThat(summary.path("cost").asInt()).isEqualTo(1);
        assertThat(summary.path("available").asInt()).isEqualTo(3);
        assertThat(confirmation.path("response").asString()).contains("1 credit", "You have 3");

        JsonNode state = Http.get(url("/api/v1/conversation/state?session_id=" + session), "Authorization", bearer(token)).json();
        assertThat(state.path("state").asString()).isEqualTo("Confirmation");
        assertThat(state.path("messages")).hasSize(7);
        assertThat(state.path("context").path("duration_seconds").asInt()).isEqualTo(600);
    }

    @Test
    void shouldKeepSessionsInRedisWithATtlAndTranscriptsInPostgres() {
        String session = start("affirmation");
        say(session, "confidence");
        Long ttl = redis.getExpire("session:" + session);
        assertThat(ttl).isBetween(3000L, 3600L);
        String transcript = jdbc.queryForObject("select messages::text from conversation where session_id = ?", String.class, session);
        assertThat(transcript).contains("confidence");

        redis.expire("session:" + session, Duration.ofSeconds(1)); // an idle hour, shortened
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !redis.hasKey("session:" + session));
        Http.Response expired = post("/message", "{\"session_id\":\"" + session + "\",\"message\":\"hello\"}");
        assertThat(expired.status()).isEqualTo(404);
        assertThat(expired.json().path("error").path("code").asString()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(jdbc.queryForObject("select count(*) from conversation where session_id = ?", Integer.class, session))
                .as("the transcript outlives the session").isEqualTo(1);
    }

    @Test
    void shouldHideOtherPeoplesSessions() {
        String session = start("ritual");
        String stranger = TestTokens.shared().user(UUID.randomUUID());
        Http.Response message = post(stranger, "/message", "{\"session_id\":\"" + session + "\",\"message\":\"hello\"}");
        assertThat(message.status()).isEqualTo(404);
        assertThat(message.json().path("error").path("code").asString()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(Http.get(url("/api/v1/conversation/state?session_id=" + session), "Authorization", bearer(stranger)).status()).isEqualTo(404);
        assertThat(post(stranger, "/complete", "{\"session_id\":\"" + session + "\",\"confirm\":true}").status()).isEqualTo(404);
        assertThat(post("/message", "{\"session_id\":\"" + UUID.randomUUID() + "\",\"message\":\"hello\"}").status()).isEqualTo(404);
    }

    @Test
    void shouldValidateEveryInput() {
        assertThat(post("/start", "{\"content_type\":\"podcast\"}").status()).isEqualTo(400);
        assertThat(post("/start", "{}").status()).isEqualTo(400);
        String session = start("affirmation");
        assertThat(post("/message", "{\"session_id\":\"" + session + "\",\"message\":\"   \"}").status()).isEqualTo(400);
        Http.Response tooLong = post("/message", "{\"session_id\":\"" + session + "\",\"message\":\"" + "a".repeat(2001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("error").path("details").path("fields").path("message").asString()).contains("2000");
        assertThat(post("/complete", "{\"session_id\":\"" + session + "\"}").status()).isEqualTo(400);
        say(session, "cancel");
        Http.Response closed = post("/message", "{\"session_id\":\"" + session + "\",\"message\":\"hello again\"}");
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.json().path("error").path("code").asString()).isEqualTo("SESSION_CLOSED");
    }

    @Test
    void shouldRefuseAFormBodyWhoseParameterNameHoldsANulWithTheEnvelope() {
        // Spring Security's firewall throws while the form body is read: the client's fault, a 400
        Http.Response form = Http.post(url("/api/v1/conversation/start"), "[\"%00\"]",
                "Content-Type", "application/x-www-form-urlencoded", "Authorization", bearer(token));
        assertThat(form.status()).as(form.body()).isEqualTo(400);
        assertThat(form.json().path("error").path("code").asString()).isEqualTo("BAD_REQUEST");
        assertThat(form.body()).doesNotContain("Exception", "firewall");
    }

    @Test
    void shouldNeverGenerateFromACrisisConversation() {
        giveCredits(user, 2);
        String session = start("guided_meditation");
        JsonNode reply = say(session, "honestly I don't want to live anymore");
        assertThat(reply.path("state").asString()).isEqualTo("Support");
        assertThat(reply.path("response").asString()).contains("988", "116 123");
        Http.Response complete = post("/complete", "{\"session_id\":\"" + session + "\",\"confirm\":true}");
        assertThat(complete.status()).isEqualTo(409);
        assertThat(complete.json().path("error").path("code").asString()).isEqualTo("SESSION_IN_SUPPORT");
        assertThat(available(user)).as("nothing held").isEqualTo(2);
    }

    @Test
    void shouldRefuseToCompleteBeforeConfirmation() {
        String session = start("ritual");
        say(session, "a ritual for focus");
        Http.Response early = post("/complete", "{\"session_id\":\"" + session + "\",\"confirm\":true}");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().path("error").path("code").asString()).isEqualTo("SESSION_NOT_READY");
    }

    @Test
    void shouldStartGenerationOnceAndHoldTheCredits() {
        giveCredits(user, 2);
        String session = readyForConfirmation();
        Http.Response started = post("/complete", "{\"session_id\":\"" + session + "\",\"confirm\":true}");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String ritual = started.json().path("ritual_id").asString();
        assertThat(UUID.fromString(ritual)).isNotNull();
        assertThat(started.json().path("status").asString()).isEqualTo("generating");
        assertThat(started.json().path("estimated_time").asInt()).isPositive();
        assertThat(available(user)).as("the ritual's credit is held").isEqualTo(1);

        Http.Response again = post("/complete", "{\"session_id\":\"" + session + "\",\"confirm\":true}");
        assertThat(again.json().path("ritual_id").asString()).as("idempotent").isEqualTo(ritual);
        assertThat(available(user)).as("never a second hold").isEqualTo(1);
        assertThat(jdbc.queryForObject("select resulting_ritual_id::text from conversation where session_id = ?", String.class, session))
                .isEqualTo(ritual);
    }

    @Test
    void shouldNameTheSlowerMeditationPaceAndSendNoPaceWhenNoneWasChosen() {
        // no user-service here: the profile falls back to the platform's defaults, which choose no pace
        giveCredits(user, 5);
        String session = start("guided_meditation");
        say(session, "I want to feel calm");
        say(session, "a bit anxious, at home");
        JsonNode personalization = say(session, "10 minutes in the evening");
        assertThat(personalization.path("response").asString()).contains("at a slower pace");
        JsonNode confirmation = say(session, "sounds good");
        assertThat(confirmation.path("state").asString()).isEqualTo("Confirmation");
        assertThat(confirmation.path("summary").path("pace").asString()).isEqualTo("slower");
        assertThat(confirmation.path("response").asString()).contains("at a slower pace");

        Http.Response started = post("/complete", "{\"session_id\":\"" + session + "\",\"confirm\":true}");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String sent = jdbc.queryForObject("select coalesce(request->>'pace', 'none') from generation.generation_job where id = ?::uuid",
                String.class, started.json().path("ritual_id").asString());
        assertThat(sent).as("content-generation applies the meditation's pace itself").isEqualTo("none");
    }

    @Test
    void shouldAnswer402AndCreateNothingWhenCreditsAreShort() {
        String session = readyForConfirmation();
        Http.Response refused = post("/complete", "{\"session_id\":\"" + session + "\",\"confirm\":true}");
        assertThat(refused.status()).isEqualTo(402);
        JsonNode error = refused.json().path("error");
        assertThat(error.path("code").asString()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(error.path("details").path("required").asInt()).isEqualTo(1);
        assertThat(error.path("details").path("available").asInt()).isZero();
        JsonNode state = Http.get(url("/api/v1/conversation/state?session_id=" + session), "Authorization", bearer(token)).json();
        assertThat(state.path("state").asString()).as("still at confirmation").isEqualTo("Confirmation");
        assertThat(state.path("ritual_id").isNull()).isTrue();
    }

    @Test
    void shouldReturnToTheDialogueWhenNotConfirmed() {
        String session = readyForConfirmation();
        Http.Response back = post("/complete", "{\"session_id\":\"" + session + "\",\"confirm\":false}");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().path("state").asString()).isEqualTo("Personalization");
        JsonNode changed = say(session, "actually make it 5 minutes");
        assertThat(changed.path("context").path("duration_seconds").asInt()).isEqualTo(300);
    }

    /** The transcript in PostgreSQL, message by message (role and content), in order. */
    List<String> transcript(String session) {
        JsonNode messages = JsonMapper.builder().build()
                .readTree(jdbc.queryForObject("select messages::text from conversation where session_id = ?", String.class, session));
        List<String> lines = new ArrayList<>();
        messages.forEach(m -> lines.add(m.path("role").asString() + ": " + m.path("content").asString()));
        return lines;
    }

    List<String> stateMessages(String session) {
        JsonNode state = Http.get(url("/api/v1/conversation/state?session_id=" + session), "Authorization", bearer(token)).json();
        List<String> lines = new ArrayList<>();
        state.path("messages").forEach(m -> lines.add(m.path("role").asString() + ": " + m.path("content").asString()));
        return lines;
    }

    @Test
    void shouldKeepTheTranscriptCompleteAndInOrderWhenTurnsRace() throws Exception {
        String session = start("affirmation");
        int racers = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> sent = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(racers)) {
            for (int i = 0; i < racers; i++) {
                String message = "message " + i + " about confidence";
                sent.add(pool.submit(() -> {
                    go.await();
                    return post("/message", "{\"session_id\":\"" + session + "\",\"message\":\"" + message + "\"}");
                }));
            }
            go.countDown();
            int accepted = 0;
            for (var f : sent) {
                Http.Response r = f.get();
                assertThat(r.status()).as(r.body()).isIn(200, 409);
                if (r.status() == 409) {
                    assertThat(r.json().path("error").path("code").asString()).isEqualTo("SESSION_BUSY");
                } else {
                    accepted++;
                }
            }
            assertThat(accepted).isPositive();
            say(session, "gratitude");
            say(session, "actually make it 2 minutes");
            List<String> live = stateMessages(session);
            assertThat(live).hasSize(1 + 2 * (accepted + 2));
            assertThat(transcript(session)).as("PostgreSQL holds exactly the session's transcript, in order").isEqualTo(live);
        }
    }

    @Test
    void shouldRewriteTheWholeTranscriptWhenPostgresMissedATurn() {
        String session = start("ritual");
        say(session, "I want to feel more confident at work");
        // a write PostgreSQL lost (or a row from before the append): the next turn cannot append, it rewrites
        jdbc.update("update conversation set messages = '[]'::jsonb where session_id = ?", session);
        say(session, "in the morning, ten minutes");
        assertThat(transcript(session)).hasSize(5).isEqualTo(stateMessages(session));
        say(session, "sounds good");
        assertThat(transcript(session)).hasSize(7).isEqualTo(stateMessages(session));
    }

    @Test
    void shouldRefuseATurnWhileAnotherHoldsTheSessionAndLeaveThatLockAlone() {
        String session = start("affirmation");
        redis.opsForValue().set("session:" + session + ":lock", "another-turn", Duration.ofSeconds(15));
        Http.Response busy = post("/message", "{\"session_id\":\"" + session + "\",\"message\":\"confidence\"}");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().path("error").path("code").asString()).isEqualTo("SESSION_BUSY");
        assertThat(redis.opsForValue().get("session:" + session + ":lock")).isEqualTo("another-turn");

        redis.delete("session:" + session + ":lock");
        say(session, "confidence");
        assertThat(redis.hasKey("session:" + session + ":lock")).as("a turn releases its own lock").isFalse();
        Http.Response foreign = post(TestTokens.shared().user(UUID.randomUUID()), "/message",
                "{\"session_id\":\"" + session + "\",\"message\":\"hello\"}");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(redis.hasKey("session:" + session + ":lock")).as("a refused turn releases its lock too").isFalse();
    }

    @Test
    void shouldAnswer503AndFreeTheSessionAtOnceWhenRedisStalls() {
        String session = start("affirmation");
        REDIS.pause();
        try {
            Http.Response stalled = post("/message", "{\"session_id\":\"" + session + "\",\"message\":\"I want to sleep better\"}");
            assertThat(stalled.status()).as(stalled.body()).isEqualTo(503);
            assertThat(stalled.header("Retry-After")).isNotBlank();
            assertThat(stalled.json().path("error").path("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        } finally {
            REDIS.resume();
        }
        Http.Response next = post("/message", "{\"session_id\":\"" + session + "\",\"message\":\"I want to sleep better\"}");
        assertThat(next.status()).as("the failed turn's lock is gone, not left for 15 s: " + next.body()).isEqualTo(200);
        assertThat(redis.hasKey("session:" + session + ":lock")).isFalse();
    }

    @Test
    void shouldRefuseAMessageWithANulCharacterNamingTheField() {
        String session = start("affirmation");
        Http.Response nul = post("/message", "{\"session_id\":\"" + session + "\",\"message\":\"calm\\u0000sleep\"}");
        assertThat(nul.status()).as(nul.body()).isEqualTo(400);
        assertThat(nul.json().path("error").path("details").path("fields").path("message").asString()).contains("NUL");
        say(session, "calm sleep");
    }
}
