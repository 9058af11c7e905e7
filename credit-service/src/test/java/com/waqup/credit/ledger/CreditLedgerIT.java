package com.waqup.credit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.Events;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.TestDatabase;
import com.waqup.common.test.TestTokens;
import com.waqup.credit.CreditServiceApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ledger against the real credit-service, PostgreSQL and RabbitMQ. */
class CreditLedgerIT extends ServiceITSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    HoldSweeper sweeper;

    @Autowired
    MeterRegistry meters;

    @Autowired
    LedgerService ledger;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin amqp;

    final String service = bearer(TestTokens.shared().internalApi("credit-service"));

    Http.Response internal(String path, String body) {
        return Http.post(url("/internal/credits" + path), body, "Content-Type", "application/json", "Authorization", service);
    }

    Http.Response grant(UUID user, int amount, String key) {
        return internal("/grants", "{\"user_id\":\"" + user + "\",\"amount\":" + amount + ",\"reason\":\"test\",\"idempotency_key\":\"" + key + "\"}");
    }

    Http.Response hold(UUID job, UUID user, int amount) {
        return internal("/holds", "{\"job_id\":\"" + job + "\",\"user_id\":\"" + user + "\",\"amount\":" + amount
                + ",\"content_type\":\"ritual\",\"content_id\":\"" + job + "\"}");
    }

    Http.Response capture(UUID job) {
        return internal("/holds/" + job + "/capture", "");
    }

    Http.Response release(UUID job, String reason) {
        return internal("/holds/" + job + "/release", "{\"reason\":\"" + reason + "\"}");
    }

    /** available == Σ entries, available ≥ 0, held == Σ open holds: the invariant after every scenario. */
    void assertLedgerInvariant(UUID user) {
        Map<String, Object> row = jdbc.queryForMap("select a.available, a.held,"
                + " (select coalesce(sum(amount), 0) from ledger_entry e where e.user_id = a.user_id) as entries,"
                + " (select coalesce(sum(amount), 0) from credit_hold h where h.user_id = a.user_id and h.status = 'open') as open_holds"
                + " from credit_account a where a.user_id = ?", user);
        assertThat(((Number) row.get("available")).longValue()).isEqualTo(((Number) row.get("entries")).longValue()).isNotNegative();
        assertThat(((Number) row.get("held")).longValue()).isEqualTo(((Number) row.get("open_holds")).longValue());
    }

    int available(UUID user) {
        return ledger.balance(user).available();
    }

    // ---- concurrency -------------------------------------------------------------------------------------

    @Test
    void shouldLetExactlyNOf50ConcurrentHoldsSucceedOnABalanceOfN() throws Exception {
        UUID user = UUID.randomUUID();
        int n = 7;
        assertThat(grant(user, n, UUID.randomUUID().toString()).status()).isEqualTo(200);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Callable<Integer> call = () -> hold(UUID.randomUUID(), user, 1).status();
            results.add(pool.submit(call));
        }
        int created = 0;
        int refused = 0;
        for (Future<Integer> result : results) {
            int status = result.get();
            if (status == 201) {
                created++;
            } else if (status == 402) {
                refused++;
            }
        }
        pool.shutdown();
        assertThat(created).isEqualTo(n);
        assertThat(refused).isEqualTo(50 - n);
        assertThat(available(user)).isZero();
        assertThat(ledger.balance(user).held()).isEqualTo(n);
        assertLedgerInvariant(user);
    }

    // ---- idempotency ----------------------------------------------------------------------------------

    @Test
    void shouldChangeNothingWhenAHoldCaptureReleaseOrGrantIsReplayed() {
        UUID user = UUID.randomUUID();
        String grantKey = UUID.randomUUID().toString();
        grant(user, 5, grantKey);
        grant(user, 5, grantKey);
        assertThat(available(user)).as("a replayed grant adds nothing").isEqualTo(5);

        UUID job = UUID.randomUUID();
        Http.Response first = hold(job, user, 2);
        Http.Response again = hold(job, user, 2);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.json().path("hold_id").asString()).isEqualTo(first.json().path("hold_id").asString());
        assertThat(available(user)).as("the same job never holds twice").isEqualTo(3);
        assertThat(hold(job, user, 3).status()).as("same job, other amount").isEqualTo(409);

        assertThat(capture(job).status()).isEqualTo(200);
        assertThat(capture(job).json().path("status").asString()).isEqualTo("captured");
        assertThat(available(user)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where type = 'capture' and user_id = ?", Integer.class, user)).isEqualTo(1);

        UUID other = UUID.randomUUID();
        hold(other, user, 1);
        release(other, "generation_failed");
        release(other, "generation_failed");
        assertThat(available(user)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where type = 'release' and user_id = ?", Integer.class, user)).isEqualTo(1);

        String paymentEvent = "evt_" + UUID.randomUUID();
        String purchase = "{\"user_id\":\"" + user + "\",\"pack_id\":\"seeker\",\"payment_event_id\":\"" + paymentEvent + "\"}";
        assertThat(internal("/purchases", purchase).status()).isEqualTo(200);
        assertThat(internal("/purchases", purchase).status()).isEqualTo(200);
        assertThat(available(user)).as("one purchase per payment event").isEqualTo(13);
        assertLedgerInvariant(user);
    }

    @Test
    void shouldRefuseToCaptureAReleasedHoldOrReleaseACapturedOne() {
        UUID user = UUID.randomUUID();
        grant(user, 3, UUID.randomUUID().toString());
        UUID released = UUID.randomUUID();
        hold(released, user, 1);
        release(released, "audio_failed");
        Http.Response lateCapture = capture(released);
        assertThat(lateCapture.status()).isEqualTo(409);
        assertThat(lateCapture.json().path("error").path("code").asString()).isEqualTo("HOLD_ALREADY_RELEASED");

        UUID captured = UUID.randomUUID();
        hold(captured, user, 1);
        capture(captured);
        Http.Response lateRelease = release(captured, "audio_failed");
        assertThat(lateRelease.status()).isEqualTo(409);
        assertThat(lateRelease.json().path("error").path("code").asString()).isEqualTo("HOLD_ALREADY_CAPTURED");
        assertThat(capture(UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(available(user)).isEqualTo(2);
        assertLedgerInvariant(user);
    }

    @Test
    void shouldRefuseAHoldThatIsShortWith402AndChangeNothing() {
        UUID user = UUID.randomUUID();
        grant(user, 1, UUID.randomUUID().toString());
        Http.Response refused = hold(UUID.randomUUID(), user, 2);
        assertThat(refused.status()).isEqualTo(402);
        JsonNode error = refused.json().path("error");
        assertThat(error.path("code").asString()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(error.path("details").path("required").asInt()).isEqualTo(2);
        assertThat(error.path("details").path("available").asInt()).isEqualTo(1);
        assertThat(available(user)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from credit_hold where user_id = ?", Integer.class, user)).isZero();
        assertLedgerInvariant(user);
    }

    @Test
    void shouldRefundConsumedCreditsOnce() {
        UUID user = UUID.randomUUID();
        grant(user, 2, UUID.randomUUID().toString());
        UUID job = UUID.randomUUID();
        hold(job, user, 2);
        capture(job);
        assertThat(available(user)).isZero();
        internal("/holds/" + job + "/refund", "{\"reason\":\"admin_goodwill\"}");
        internal("/holds/" + job + "/refund", "{\"reason\":\"admin_goodwill\"}");
        assertThat(available(user)).isEqualTo(2);
        assertLedgerInvariant(user);
    }

    // ---- the sweeper ------------------------------------------------------------------------------------

    void expire(UUID job) {
        jdbc.update("update credit_hold set expires_at = ? where job_id = ?", Timestamp.from(Instant.now().minusSeconds(60)), job);
    }

    @Test
    void shouldCountTheHoldsTheSweeperReleasesForItsAlert() {
        UUID user = UUID.randomUUID();
        grant(user, 2, UUID.randomUUID().toString());
        UUID job = UUID.randomUUID();
        hold(job, user, 1);
        double before = meters.get("waqup.hold.sweeper.released").counter().count();
        expire(job);
        await().atMost(Duration.ofSeconds(20)).until(() -> { // the scheduled sweep or this one, counted either way
            sweeper.sweep();
            return available(user) == 2;
        });
        assertThat(meters.get("waqup.hold.sweeper.released").counter().count() - before)
                .as("waqup_hold_sweeper_released_total, what WaqupHoldSweeperReleasingHolds alerts on").isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldReleaseStaleHoldsExactlyOnceWithTwoSweepersRunning() throws Exception {
        UUID user = UUID.randomUUID();
        grant(user, 6, UUID.randomUUID().toString());
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID job = UUID.randomUUID();
            hold(job, user, 1);
            expire(job);
            jobs.add(job);
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        Future<Integer> a = two.submit(ledger::releaseExpiredHolds);
        Future<Integer> b = two.submit(ledger::releaseExpiredHolds);
        a.get();
        b.get();
        two.shutdown();
        await().atMost(Duration.ofSeconds(20)).until(() -> { // an account one sweeper saw locked waits for a next round
            ledger.releaseExpiredHolds();
            return available(user) == 6;
        });
        for (UUID job : jobs) {
            assertThat(jdbc.queryForObject("select count(*) from ledger_entry e join credit_hold h on e.hold_id = h.id"
                    + " where h.job_id = ? and e.type = 'release'", Integer.class, job)).as("released once").isEqualTo(1);
            assertThat(jdbc.queryForObject("select release_reason from credit_hold where job_id = ?", String.class, job)).isEqualTo("expired");
        }
        assertLedgerInvariant(user);
    }

    @Test
    void shouldReleaseAHoldLeftBehindByAServiceThatDiedBeforeCapturing() {
        UUID user = UUID.randomUUID();
        grant(user, 2, UUID.randomUUID().toString());
        UUID job = UUID.randomUUID();
        assertThat(hold(job, user, 2).status()).isEqualTo(201); // then the generation's service dies: nobody captures
        expire(job);
        // a new instance of the service (command-line arguments: they outrank application.yml like the env does)
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(CreditServiceApplication.class)
                .run("--spring.main.web-application-type=none", "--spring.datasource.url=" + TestDatabase.url(),
                        "--spring.rabbitmq.virtual-host=" + TestDatabase.RABBIT_VHOST,
                        "--spring.data.redis.database=" + TestDatabase.REDIS_DATABASE,
                        "--waqup.security.jwks-uri=" + TestTokens.shared().jwksUri(), "--waqup.credit.sweep-interval=1h")) {
            assertThat(restarted.getBean(LedgerService.class).releaseExpiredHolds()).isGreaterThanOrEqualTo(1);
        }
        assertThat(available(user)).isEqualTo(2);
        assertThat(capture(job).status()).as("too late to capture").isEqualTo(409);
        assertLedgerInvariant(user);
    }

    // ---- events ---------------------------------------------------------------------------------------

    void publishRegistration(UUID eventId, UUID user) {
        EventEnvelope<Map<String, Object>> event = new EventEnvelope<>(eventId, "user.registered", Instant.now(), "test-" + eventId,
                Map.of("user_id", user.toString(), "registered_at", Instant.now().toString()));
        rabbit.convertAndSend(Events.EXCHANGE, "user.registered", event);
    }

    @Test
    void shouldGrantTheFreeCreditOnceEvenIfRegistrationIsDeliveredTwice() {
        UUID user = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        publishRegistration(eventId, user);
        publishRegistration(eventId, user);
        publishRegistration(UUID.randomUUID(), user); // a second, different report of the same registration
        await().atMost(Duration.ofSeconds(20)).until(() -> available(user) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> available(user) == 1);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where user_id = ? and type = 'grant'", Integer.class, user)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class, eventId)).isEqualTo(1);
        assertThat(ledger.balance(user).freeTierUsed()).isFalse();
        UUID job = UUID.randomUUID();
        hold(job, user, 1);
        capture(job);
        assertThat(ledger.balance(user).freeTierUsed()).as("spent").isTrue();
        assertLedgerInvariant(user);
    }

    @Test
    void shouldPublishBalanceChangesThroughTheOutbox() {
        Queue queue = new AnonymousQueue();
        amqp.declareQueue(queue);
        amqp.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(Events.EXCHANGE)).with("credit.balance_changed"));
        UUID user = UUID.randomUUID();
        grant(user, 4, UUID.randomUUID().toString());
        JsonNode event = await().atMost(Duration.ofSeconds(15)).until(() -> {
            Message m;
            while ((m = rabbit.receive(queue.getName())) != null) {
                JsonNode e = JSON.readTree(new String(m.getBody(), StandardCharsets.UTF_8));
                if (e.path("data").path("user_id").asString().equals(user.toString())) {
                    return e;
                }
            }
            return null;
        }, e -> e != null);
        assertThat(event.path("type").asString()).isEqualTo("credit.balance_changed");
        assertThat(event.path("data").path("available").asInt()).isEqualTo(4);
        assertThat(event.path("data").path("entry_type").asString()).isEqualTo("grant");
        amqp.deleteQueue(queue.getName());
    }

    @Test
    void shouldQuoteACreationForAPerson() {
        UUID user = UUID.randomUUID();
        grant(user, 1, UUID.randomUUID().toString());
        JsonNode ritual = Http.get(url("/internal/credits/quote?user_id=" + user + "&content_type=ritual"), "Authorization", service).json();
        assertThat(ritual.path("required").asInt()).isEqualTo(1);
        assertThat(ritual.path("available").asInt()).isEqualTo(1);
        assertThat(ritual.path("sufficient").asBoolean()).isTrue();
        JsonNode meditation = Http.get(url("/internal/credits/quote?user_id=" + user + "&content_type=guided_meditation"),
                "Authorization", service).json();
        assertThat(meditation.path("sufficient").asBoolean()).isFalse();
        assertThat(Http.get(url("/internal/credits/quote?user_id=" + user + "&content_type=poem"), "Authorization", service).status())
                .isEqualTo(400);
    }

    // ---- access -----------------------------------------------------------------------------------------

    @Test
    void shouldKeepTheInternalApiForServices() {
        Http.Response asUser = Http.post(url("/internal/credits/grants"), "{\"user_id\":\"" + UUID.randomUUID()
                + "\",\"amount\":100,\"reason\":\"x\",\"idempotency_key\":\"y\"}", "Content-Type", "application/json",
                "Authorization", bearer(userToken()));
        assertThat(asUser.status()).isEqualTo(403);
        Http.Response bad = internal("/holds", "{\"job_id\":\"not-a-uuid\",\"user_id\":\"" + UUID.randomUUID() + "\",\"amount\":1}");
        assertThat(bad.status()).isEqualTo(400);
        Http.Response unknownType = internal("/holds", "{\"job_id\":\"" + UUID.randomUUID() + "\",\"user_id\":\"" + UUID.randomUUID()
                + "\",\"content_type\":\"podcast\"}");
        assertThat(unknownType.status()).isEqualTo(400);
    }
}
