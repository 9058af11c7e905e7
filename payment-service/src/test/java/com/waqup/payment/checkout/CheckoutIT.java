package com.waqup.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.EventContracts;
import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Claiming a free pack against the real service, database and broker (creator-service's events played by the test). */
class CheckoutIT extends ServiceITSupport {

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin amqp;
    @Autowired
    JdbcTemplate jdbc;

    /** A pack announced by creator-service (pack.published), known to payment once this returns. */
    UUID pack(UUID creator, String priceType, long minor) {
        UUID pack = UUID.randomUUID();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("pack_id", pack.toString());
        d.put("revision", 1);
        d.put("creator_id", creator.toString());
        d.put("creator_name", "Sarah");
        d.put("title", "Calm");
        d.put("price_type", priceType);
        d.put("price_amount_minor", minor);
        d.put("currency", "usd");
        d.put("subscription_interval", "subscription".equals(priceType) ? "monthly" : null);
        d.put("items", List.of());
        EventProbe.publish(rabbit, "pack.published", d);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from pack_offer where pack_id = ?", Integer.class, pack) == 1);
        return pack;
    }

    Http.Response checkout(UUID user, String body) {
        return Http.post(url("/api/v1/payments/checkout"), body, "Authorization", bearer(TestTokens.shared().user(user)),
                "Content-Type", "application/json");
    }

    static String free(UUID pack) {
        return "{\"pack_id\":\"" + pack + "\",\"price_type\":\"free\"}";
    }

    int payments(UUID user) {
        return jdbc.queryForObject("select count(*) from payment where user_id = ?", Integer.class, user);
    }

    @Test
    void shouldGrantAFreePackAtOnceAndPublishPaymentSucceededOnceEvenWhenClaimedTwice() {
        EventProbe queue = EventProbe.listen(rabbit, amqp, "payment.succeeded");
        UUID creator = UUID.randomUUID();
        UUID pack = pack(creator, "free", 0);
        UUID user = UUID.randomUUID();

        Http.Response first = checkout(user, free(pack));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("access_granted").asBoolean()).isTrue();
        assertThat(first.json().has("checkout_url")).isFalse();
        assertThat(first.json().path("already_owned").asBoolean()).isFalse();
        String payment = first.json().path("payment_id").asString();

        Http.Response again = checkout(user, free(pack));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("payment_id").asString()).as("the first claim answers").isEqualTo(payment);
        assertThat(again.json().path("already_owned").asBoolean()).isTrue();
        assertThat(payments(user)).isEqualTo(1);

        queue.await(e -> e.path("data").path("payment_id").asString().equals(payment), Duration.ofSeconds(20));
        List<JsonNode> mine = queue.all(Duration.ofSeconds(1)).stream().filter(e -> e.path("data").path("user_id").asString().equals(user.toString())).toList();
        assertThat(mine).as("one event for two claims").hasSize(1);
        JsonNode data = mine.getFirst().path("data");
        assertThat(names(data)).isEqualTo(names(EventContracts.golden("payment.succeeded")));
        assertThat(data.path("kind").asString()).isEqualTo("pack");
        assertThat(data.path("pack_id").asString()).isEqualTo(pack.toString());
        assertThat(data.path("creator_id").asString()).isEqualTo(creator.toString());
        assertThat(data.path("amount_minor").asLong()).isZero();
        assertThat(data.path("price_type").asString()).isEqualTo("free");
        assertThat(data.path("pack_revision").asInt()).isEqualTo(1);
        queue.close();
    }

    @Test
    void shouldRefuseAPriceTypeOtherThanThePacksAndRecordNothing() {
        UUID pack = pack(UUID.randomUUID(), "one_time", 999);
        UUID user = UUID.randomUUID();
        Http.Response mismatch = checkout(user, free(pack));
        assertThat(mismatch.status()).isEqualTo(409);
        assertThat(mismatch.json().path("error").path("code").asString()).isEqualTo("PRICE_TYPE_MISMATCH");
        assertThat(payments(user)).isZero();
    }

    @Test
    void shouldRefuseBadInputUnknownAndArchivedPacksAndRecordNothing() {
        UUID user = UUID.randomUUID();
        Http.Response unknownType = checkout(user, "{\"pack_id\":\"" + UUID.randomUUID() + "\",\"price_type\":\"gift\"}");
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.json().path("error").path("details").path("fields").has("price_type")).isTrue();
        Http.Response noPack = checkout(user, "{\"price_type\":\"free\"}");
        assertThat(noPack.status()).isEqualTo(400);
        assertThat(noPack.json().path("error").path("details").path("fields").has("pack_id")).isTrue();
        assertThat(checkout(user, "{\"pack_id\":\"not-a-uuid\",\"price_type\":\"free\"}").status()).isEqualTo(400);
        Http.Response unknown = checkout(user, free(UUID.randomUUID()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").path("code").asString()).isEqualTo("PACK_NOT_FOUND");

        UUID creator = UUID.randomUUID();
        UUID pack = pack(creator, "free", 0);
        EventProbe.publish(rabbit, "pack.archived", Map.of("pack_id", pack.toString(), "revision", 1, "creator_id",
                creator.toString(), "archived_at", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "archived".equals(jdbc.queryForObject(
                "select status from pack_offer where pack_id = ?", String.class, pack)));
        assertThat(checkout(user, free(pack)).status()).as("an archived pack is no longer claimable").isEqualTo(404);
        assertThat(payments(user)).isZero();
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>(node.propertyNames());
        names.sort(String::compareTo);
        return names;
    }
}
