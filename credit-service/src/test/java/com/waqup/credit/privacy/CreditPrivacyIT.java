package com.waqup.credit.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.TestTokens;

import tools.jackson.databind.JsonNode;

/** credit-service's part of the account export and erasure (docs/privacy.md), on the real database and broker. */
class CreditPrivacyIT extends ServiceITSupport {

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

    UUID personWithHistory() {
        UUID user = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        assertThat(internal("/grants", "{\"user_id\":\"" + user + "\",\"amount\":3,\"reason\":\"test\",\"idempotency_key\":\"g-" + user + "\"}").status()).isLessThan(300);
        assertThat(internal("/holds", "{\"job_id\":\"" + job + "\",\"user_id\":\"" + user + "\",\"amount\":1,\"content_type\":\"ritual\",\"content_id\":\"" + job + "\"}").status()).isLessThan(300);
        assertThat(internal("/holds/" + job + "/capture", "").status()).isLessThan(300);
        return user;
    }

    long rowsOf(UUID user) {
        return jdbc.queryForObject("select (select count(*) from credit_account where user_id = ?) + (select count(*) from ledger_entry where user_id = ?)"
                + " + (select count(*) from credit_hold where user_id = ?)", Long.class, user, user, user);
    }

    @Test
    void shouldExportTheAccountLedgerAndHoldsToServicesOnly() {
        UUID user = personWithHistory();
        Http.Response export = Http.get(url("/internal/users/" + user + "/export"), "Authorization", service);
        assertThat(export.status()).isEqualTo(200);
        JsonNode body = export.json();
        assertThat(body.path("service").asString()).isEqualTo("credit");
        assertThat(body.path("data").path("account").path("available").asInt()).isEqualTo(2);
        assertThat(body.path("data").path("transactions")).hasSize(3); // grant, hold, capture
        assertThat(body.path("data").path("holds").get(0).path("status").asString()).isEqualTo("captured");

        Http.Response asPerson = Http.get(url("/internal/users/" + user + "/export"), "Authorization", bearer(TestTokens.shared().user(user)));
        assertThat(asPerson.status()).isEqualTo(403);
        assertThat(Http.get(url("/internal/users/not-a-uuid/export"), "Authorization", service).status()).isEqualTo(400);
    }

    @Test
    void shouldEraseEveryRowOfThePersonOnceAndConfirm() {
        UUID user = personWithHistory();
        UUID other = personWithHistory();
        try (EventProbe confirmations = EventProbe.listen(rabbit, amqp, "user.deleted.credit")) {
            UUID eventId = UUID.randomUUID();
            Map<String, Object> request = Map.of("user_id", user.toString(), "requested_at", Instant.now().toString());
            EventProbe.publish(rabbit, eventId, "user.deletion_requested", request);
            EventProbe.publish(rabbit, eventId, "user.deletion_requested", request); // redelivered

            JsonNode confirmed = confirmations.await(e -> e.path("data").path("user_id").asString().equals(user.toString()),
                    Duration.ofSeconds(20));
            assertThat(confirmed.path("type").asString()).isEqualTo("user.deleted.credit");
            assertThat(confirmed.path("data").path("service").asString()).isEqualTo("credit");
            assertThat(confirmed.path("data").path("rows_deleted").asLong()).isEqualTo(5); // account, 3 entries, 1 hold
            assertThat(rowsOf(user)).isZero();
            assertThat(rowsOf(other)).as("nobody else is touched").isEqualTo(5);
            assertThat(confirmations.all(Duration.ofSeconds(2)).stream()
                    .filter(e -> e.path("data").path("user_id").asString().equals(user.toString())))
                    .as("the redelivered request is not erased and confirmed twice").hasSize(1);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from event_publication where serialized_event like ?", Long.class, "%" + user + "%"))
                .as("relayed events are deleted from the outbox, not kept with the person's id").isZero());
    }
}
