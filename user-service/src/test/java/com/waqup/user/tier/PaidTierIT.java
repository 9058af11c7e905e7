package com.waqup.user.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.EventContracts;
import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code paid} tier in the next access token: a paid purchase in the last 30 days or a subscription whose paid
 * period has not ended, from payment-service's golden events on the real RabbitMQ and PostgreSQL.
 */
class PaidTierIT extends ServiceITSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    JdbcTemplate jdbc;

    record Person(String id, String refreshToken) {
    }

    Person register() {
        String email = "tier." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Http.Response r = Http.post(url("/api/v1/auth/register"), "{\"email\":\"" + email
                + "\",\"password\":\"calm-river-tier-1\"}", "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Person(r.json().path("user").path("id").asString(), r.json().path("refresh_token").asString());
    }

    /** The tier claim of a fresh access token (refreshing rotates the refresh token: the person keeps the new one). */
    String tierAfterRefresh(Person[] person) {
        Http.Response r = Http.post(url("/api/v1/auth/refresh"), "{\"refresh_token\":\"" + person[0].refreshToken() + "\"}",
                "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        person[0] = new Person(person[0].id(), r.json().path("refresh_token").asString());
        String jwt = r.json().path("token").asString();
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8))
                .path("tier").asString();
    }

    static Map<String, Object> golden(String type, Map<String, Object> overrides) {
        Map<String, Object> data = JSON.convertValue(EventContracts.golden(type), new TypeReference<LinkedHashMap<String, Object>>() {
        });
        data.putAll(overrides);
        return data;
    }

    void deliver(String type, Map<String, Object> data) {
        UUID eventId = UUID.randomUUID();
        EventProbe.publish(rabbit, eventId, type, data);
        EventProbe.publish(rabbit, eventId, type, data);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = ?", Integer.class, eventId) == 1);
    }

    Map<String, Object> payment(String user, long amount, Instant at, UUID subscription, Instant periodEnd) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("payment_id", UUID.randomUUID().toString());
        o.put("user_id", user);
        o.put("price_type", subscription == null ? (amount == 0 ? "free" : "one_time") : "subscription");
        o.put("amount_minor", amount);
        o.put("occurred_at", at.toString());
        o.put("subscription_id", subscription == null ? null : subscription.toString());
        o.put("period_end", periodEnd == null ? null : periodEnd.toString());
        return golden("payment.succeeded", o);
    }

    @Test
    void shouldGiveThePaidTierForAPurchaseInTheLast30DaysOnly() {
        Person[] buyer = { register() };
        assertThat(tierAfterRefresh(buyer)).isEqualTo("free");
        deliver("payment.succeeded", payment(buyer[0].id(), 0, Instant.now(), null, null));
        assertThat(tierAfterRefresh(buyer)).as("a free claim is not a payment").isEqualTo("free");
        deliver("payment.succeeded", payment(buyer[0].id(), 999, Instant.now().minus(31, ChronoUnit.DAYS), null, null));
        assertThat(tierAfterRefresh(buyer)).as("bought 31 days ago").isEqualTo("free");
        deliver("payment.succeeded", payment(buyer[0].id(), 999, Instant.now().minus(1, ChronoUnit.DAYS), null, null));
        assertThat(tierAfterRefresh(buyer)).isEqualTo("paid");
        JsonNode me = Http.get(url("/api/v1/users/me"), "Authorization", "Bearer " + Http.post(url("/api/v1/auth/refresh"),
                "{\"refresh_token\":\"" + buyer[0].refreshToken() + "\"}", "Content-Type", "application/json").json()
                .path("token").asString()).json();
        assertThat(me.path("tier").asString()).isEqualTo("paid");
    }

    Map<String, Object> refund(Map<String, Object> payment) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("payment_id", payment.get("payment_id"));
        o.put("refund_id", UUID.randomUUID().toString());
        o.put("user_id", payment.get("user_id"));
        o.put("refunded_at", Instant.now().toString());
        return golden("payment.refunded", o);
    }

    @Test
    void shouldDropThePaidTierWhenThePurchaseIsRefundedInWhicheverOrderTheEventsCome() {
        Person[] buyer = { register() };
        Map<String, Object> bought = payment(buyer[0].id(), 999, Instant.now().minus(1, ChronoUnit.DAYS), null, null);
        deliver("payment.succeeded", bought);
        assertThat(tierAfterRefresh(buyer)).isEqualTo("paid");
        deliver("payment.refunded", refund(bought));
        assertThat(tierAfterRefresh(buyer)).as("a refunded purchase is not a paid purchase").isEqualTo("free");

        Person[] early = { register() };
        Map<String, Object> later = payment(early[0].id(), 999, Instant.now(), null, null);
        deliver("payment.refunded", refund(later));
        deliver("payment.succeeded", later);
        assertThat(tierAfterRefresh(early)).as("the refund came first: the purchase finds its mark").isEqualTo("free");
        deliver("payment.succeeded", payment(early[0].id(), 499, Instant.now(), null, null));
        assertThat(tierAfterRefresh(early)).as("another, unrefunded purchase counts").isEqualTo("paid");
    }

    @Test
    void shouldKeepThePaidTierForAnActiveSubscriptionUntilItsPaidPeriodEnds() {
        Person[] subscriber = { register() };
        UUID subscription = UUID.randomUUID();
        Instant longAgo = Instant.now().minus(60, ChronoUnit.DAYS);
        deliver("payment.succeeded", payment(subscriber[0].id(), 499, longAgo, subscription, longAgo.plus(30, ChronoUnit.DAYS)));
        assertThat(tierAfterRefresh(subscriber)).as("the first period is over").isEqualTo("free");

        Map<String, Object> renewed = new LinkedHashMap<>();
        renewed.put("subscription_id", subscription.toString());
        renewed.put("user_id", subscriber[0].id());
        renewed.put("period_end", Instant.now().plus(10, ChronoUnit.DAYS).toString());
        deliver("subscription.renewed", golden("subscription.renewed", renewed));
        assertThat(tierAfterRefresh(subscriber)).isEqualTo("paid");

        Map<String, Object> ended = new LinkedHashMap<>();
        ended.put("subscription_id", subscription.toString());
        ended.put("user_id", subscriber[0].id());
        ended.put("access_until", Instant.now().plus(10, ChronoUnit.DAYS).toString());
        deliver("subscription.ended", golden("subscription.ended", ended));
        assertThat(tierAfterRefresh(subscriber)).as("canceled: paid until the period's end").isEqualTo("paid");
        jdbc.update("update paid_access set paid_until = now() - interval '1 minute' where reference_id = ?", subscription);
        assertThat(tierAfterRefresh(subscriber)).as("after the period's end").isEqualTo("free");
    }
}
