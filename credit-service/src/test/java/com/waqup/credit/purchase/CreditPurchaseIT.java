package com.waqup.credit.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.EventContracts;
import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.TestTokens;
import com.waqup.credit.ledger.LedgerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Credit packs bought and refunded through payment-service's events, on the real RabbitMQ and PostgreSQL: one
 * {@code purchase} entry per payment, refunds reversing what is unspent and never more, in any order, and the ledger
 * invariant after each scenario.
 */
class CreditPurchaseIT extends ServiceITSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerService ledger;

    final java.util.List<UUID> people = new java.util.ArrayList<>();

    /** The producer's golden event with this scenario's values. */
    static Map<String, Object> golden(String type, Map<String, Object> overrides) {
        Map<String, Object> data = JSON.convertValue(EventContracts.golden(type), new TypeReference<LinkedHashMap<String, Object>>() {
        });
        data.putAll(overrides);
        return data;
    }

    Map<String, Object> creditPackPaid(UUID payment, UUID user, int credits) {
        people.add(user);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("payment_id", payment.toString());
        o.put("user_id", user.toString());
        o.put("kind", "credit_pack");
        o.put("pack_id", null);
        o.put("pack_revision", null);
        o.put("creator_id", null);
        o.put("credit_pack", "seeker");
        o.put("credits", credits);
        o.put("price_type", "one_time");
        o.put("amount_minor", 1000);
        o.put("provider", "sandbox");
        return golden("payment.succeeded", o);
    }

    Map<String, Object> creditPackRefunded(UUID payment, UUID refund, UUID user, int credits, long refundedMinor) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("payment_id", payment.toString());
        o.put("refund_id", refund.toString());
        o.put("user_id", user.toString());
        o.put("kind", "credit_pack");
        o.put("pack_id", null);
        o.put("creator_id", null);
        o.put("credit_pack", "seeker");
        o.put("credits", credits);
        o.put("amount_minor", 1000);
        o.put("refunded_minor", refundedMinor);
        o.put("provider", "sandbox");
        return golden("payment.refunded", o);
    }

    /** Publishes the event twice (a redelivery) and waits until it is handled. */
    void deliver(String type, Map<String, Object> data) {
        UUID eventId = UUID.randomUUID();
        EventProbe.publish(rabbit, eventId, type, data);
        EventProbe.publish(rabbit, eventId, type, data);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = ?", Integer.class, eventId) == 1);
    }

    int available(UUID user) {
        return ledger.balance(user).available();
    }

    Http.Response hold(UUID job, UUID user, int amount) {
        return Http.post(url("/internal/credits/holds"), "{\"job_id\":\"" + job + "\",\"user_id\":\"" + user + "\",\"amount\":"
                + amount + ",\"content_type\":\"ritual\",\"content_id\":\"" + job + "\"}", "Content-Type", "application/json",
                "Authorization", bearer(TestTokens.shared().service("content-generation-service", "credit-service")));
    }

    void spend(UUID user, int amount) {
        UUID job = UUID.randomUUID();
        assertThat(hold(job, user, amount).status()).isEqualTo(201);
        assertThat(Http.post(url("/internal/credits/holds/" + job + "/capture"), "", "Content-Type", "application/json",
                "Authorization", bearer(TestTokens.shared().service("content-generation-service", "credit-service"))).status()).isEqualTo(200);
    }

    /** available == Σ entries ≥ 0 and held == Σ open holds, for everyone the scenario touched. */
    @AfterEach
    void ledgerInvariantHolds() {
        for (UUID user : people) {
            Map<String, Object> row = jdbc.queryForMap("select a.available, a.held,"
                    + " (select coalesce(sum(amount), 0) from ledger_entry e where e.user_id = a.user_id) as entries,"
                    + " (select coalesce(sum(amount), 0) from credit_hold h where h.user_id = a.user_id and h.status = 'open') as open_holds"
                    + " from credit_account a where a.user_id = ?", user);
            assertThat(((Number) row.get("available")).longValue()).isEqualTo(((Number) row.get("entries")).longValue())
                    .isNotNegative();
            assertThat(((Number) row.get("held")).longValue()).isEqualTo(((Number) row.get("open_holds")).longValue());
        }
    }

    @Test
    void shouldAddPurchasedCreditsOncePerPaymentWhateverTheDeliveries() {
        UUID user = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        deliver("payment.succeeded", creditPackPaid(payment, user, 10));
        deliver("payment.succeeded", creditPackPaid(payment, user, 10)); // another event for the same payment
        assertThat(available(user)).isEqualTo(10);
        assertThat(jdbc.queryForList("select type, amount, pack_id from ledger_entry where user_id = ?", user))
                .singleElement().satisfies(e -> {
                    assertThat(e.get("type")).isEqualTo("purchase");
                    assertThat(e.get("amount")).isEqualTo(10);
                    assertThat(e.get("pack_id")).isEqualTo("seeker");
                });
        Http.Response history = Http.get(url("/api/v1/credits/transactions?transaction_type=purchase"), "Authorization",
                bearer(TestTokens.shared().user(user)));
        assertThat(history.json().path("transactions").get(0).path("amount").asInt()).isEqualTo(10);
    }

    @Test
    void shouldIgnoreAPacksPaymentAndRefund() {
        UUID user = UUID.randomUUID();
        people.add(user);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("user_id", user.toString());
        deliver("payment.succeeded", golden("payment.succeeded", o));
        deliver("payment.refunded", golden("payment.refunded", o));
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where user_id = ?", Integer.class, user)).isZero();
        people.remove(user);
    }

    @Test
    void shouldReverseAllUnspentCreditsOfAFullRefundOnce() {
        UUID user = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        deliver("payment.succeeded", creditPackPaid(payment, user, 10));
        UUID refund = UUID.randomUUID();
        deliver("payment.refunded", creditPackRefunded(payment, refund, user, 10, 1000));
        deliver("payment.refunded", creditPackRefunded(payment, refund, user, 10, 1000)); // the same refund again
        assertThat(available(user)).isZero();
        assertThat(jdbc.queryForMap("select credits, reversed from purchase_refund where refund_id = ?", refund))
                .containsEntry("credits", 10).containsEntry("reversed", 10);
    }

    @Test
    void shouldReverseOnlyWhatIsUnspentAndNeverGoNegative() {
        UUID user = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        deliver("payment.succeeded", creditPackPaid(payment, user, 10));
        spend(user, 7);
        UUID job = UUID.randomUUID();
        assertThat(hold(job, user, 1).status()).as("an open hold is not unspent").isEqualTo(201);
        UUID refund = UUID.randomUUID();
        deliver("payment.refunded", creditPackRefunded(payment, refund, user, 10, 1000));
        assertThat(available(user)).isZero();
        assertThat(ledger.balance(user).held()).isEqualTo(1);
        assertThat(jdbc.queryForMap("select credits, reversed from purchase_refund where refund_id = ?", refund))
                .as("2 reversed, the 8 spent or held stay so").containsEntry("credits", 10).containsEntry("reversed", 2);
        assertThat(jdbc.queryForObject("select amount from ledger_entry where user_id = ? and type = 'adjustment'",
                Integer.class, user)).isEqualTo(-2);
    }

    @Test
    void shouldReverseAPartialRefundInProportionRoundedDown() {
        UUID user = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        deliver("payment.succeeded", creditPackPaid(payment, user, 10));
        deliver("payment.refunded", creditPackRefunded(payment, UUID.randomUUID(), user, 10, 450)); // 45 % of 10 → 4
        assertThat(available(user)).isEqualTo(6);
        deliver("payment.refunded", creditPackRefunded(payment, UUID.randomUUID(), user, 10, 550)); // the rest → 5
        assertThat(available(user)).isEqualTo(1);
    }

    @Test
    void shouldApplyARefundThatOvertakesItsPurchaseWhenThePurchaseArrives() {
        UUID user = UUID.randomUUID();
        people.add(user);
        UUID payment = UUID.randomUUID();
        UUID refund = UUID.randomUUID();
        deliver("payment.refunded", creditPackRefunded(payment, refund, user, 10, 1000));
        assertThat(available(user)).isZero();
        assertThat(jdbc.queryForObject("select applied_at is null from purchase_refund where refund_id = ?", Boolean.class,
                refund)).as("waiting for its purchase").isTrue();
        deliver("payment.succeeded", creditPackPaid(payment, user, 10));
        assertThat(available(user)).isZero();
        assertThat(jdbc.queryForList("select type, amount from ledger_entry where user_id = ? order by created_at, amount desc",
                user)).extracting(e -> e.get("type") + ":" + e.get("amount")).containsExactly("purchase:10", "adjustment:-10");
    }
}
