package com.waqup.user.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import com.waqup.common.security.TokenRevocation;
import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.TestDatabase;

import tools.jackson.databind.JsonNode;

/** Account export and erasure in user-service (docs/privacy.md); the other services' parts are in their modules and the flow IT. */
class AccountPrivacyIT extends ServiceITSupport {

    static final List<String> PARTICIPANTS = List.of("audio-generation", "content-generation", "conversation", "credit", "ritual-library",
            "creator", "payment", "catalog", "reward");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin amqp;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    AccountErasure erasure;

    record Person(UUID id, String email, String password, String token, String refreshToken) {
    }

    Person register() {
        String email = "erase." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "quiet-lake-" + UUID.randomUUID().toString().substring(0, 6);
        Http.Response r = Http.post(url("/api/v1/auth/register"), "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode body = r.json();
        return new Person(UUID.fromString(body.path("user").path("id").asString()), email, password, body.path("token").asString(),
                body.path("refresh_token").asString());
    }

    Http.Response delete(Person person, String body) {
        return Http.send("DELETE", url("/api/v1/users/me"), body, "Content-Type", "application/json",
                "Authorization", bearer(person.token()));
    }

    @Test
    void shouldRefuseDeletionWithoutTheRightPasswordAndChangeNothing() {
        Person person = register();
        Http.Response wrong = delete(person, "{\"password\":\"not-the-password\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").path("code").asString()).isEqualTo("INVALID_CREDENTIALS");
        Http.Response missing = delete(person, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("error").path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(Http.send("DELETE", url("/api/v1/users/me"), "{\"password\":\"x\"}", "Content-Type", "application/json").status())
                .as("without a token").isEqualTo(401);

        assertThat(jdbc.queryForObject("select count(*) from app_user where id = ?", Long.class, person.id())).isEqualTo(1);
        assertThat(redis.hasKey(TokenRevocation.key(person.id()))).isFalse();
        assertThat(Http.get(url("/api/v1/users/me"), "Authorization", bearer(person.token())).status()).isEqualTo(200);
    }

    @Test
    void shouldEraseTheAccountAskEveryServiceAndCompleteWhenAllConfirm() {
        Person person = register();
        Person bystander = register();
        try (EventProbe requests = EventProbe.listen(rabbit, amqp, "user.deletion_requested")) {
            Http.Response accepted = delete(person, "{\"password\":\"" + person.password() + "\"}");
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            JsonNode body = accepted.json();
            assertThat(body.path("status").asString()).isEqualTo("deletion_requested");
            assertThat(body.path("user_id").asString()).isEqualTo(person.id().toString());
            assertThat(body.path("pending_services").toString()).contains(PARTICIPANTS.toArray(String[]::new));

            JsonNode requested = requests.await(e -> e.path("data").path("user_id").asString().equals(person.id().toString()),
                    Duration.ofSeconds(20));
            assertThat(requested.path("data").path("requested_at").isMissingNode()).isFalse();
        }
        // from now on: no login, no refresh, every earlier access token marked revoked for the gateway
        assertThat(Http.post(url("/api/v1/auth/login"), "{\"email\":\"" + person.email() + "\",\"password\":\"" + person.password() + "\"}",
                "Content-Type", "application/json").status()).isEqualTo(401);
        assertThat(Http.post(url("/api/v1/auth/refresh"), "{\"refresh_token\":\"" + person.refreshToken() + "\"}",
                "Content-Type", "application/json").status()).isEqualTo(401);
        String revokedBefore = redis.opsForValue().get(TokenRevocation.key(person.id()));
        assertThat(Long.parseLong(revokedBefore)).isGreaterThanOrEqualTo(Instant.now().minusSeconds(60).getEpochSecond());
        assertThat(redis.getExpire(TokenRevocation.key(person.id()))).isPositive();
        assertThat(Http.get(url("/api/v1/users/me"), "Authorization", bearer(person.token())).status())
                .as("the account is gone").isEqualTo(404);

        assertThat(erasure.find(person.id())).hasValueSatisfying(d -> {
            assertThat(d.pending()).containsExactlyInAnyOrderElementsOf(PARTICIPANTS);
            assertThat(d.completedAt()).isNull();
        });
        for (String service : PARTICIPANTS) {
            Map<String, Object> confirmation = Map.of("user_id", person.id().toString(), "service", service,
                    "deleted_at", Instant.now().toString(), "rows_deleted", 2, "objects_deleted", 0);
            UUID eventId = EventProbe.publish(rabbit, "user.deleted." + service, confirmation);
            EventProbe.publish(rabbit, eventId, "user.deleted." + service, confirmation); // redelivered
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(erasure.find(person.id()))
                .hasValueSatisfying(d -> {
                    assertThat(d.pending()).isEmpty();
                    assertThat(d.completedAt()).isNotNull();
                }));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestDatabase.rowsNaming("users", person.id()))
                .as("nothing in user-service's schema names the person any more (the receipt keeps a hash)").isEmpty());
        assertThat(jdbc.queryForObject("select count(*) from app_user where id = ?", Long.class, bystander.id())).isEqualTo(1);
        assertThat(Http.get(url("/api/v1/users/me"), "Authorization", bearer(bystander.token())).status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer503RatherThanAnIncompleteExportWhenAServiceCannotAnswer() {
        // in this module's tests no other service runs, so each participant is unreachable
        Person person = register();
        Http.Response export = Http.get(url("/api/v1/users/me/export"), "Authorization", bearer(person.token()));
        assertThat(export.status()).isEqualTo(503);
        assertThat(export.json().path("error").path("code").asString()).isEqualTo("EXPORT_UNAVAILABLE");
        assertThat(export.json().path("error").path("details").path("service").asString()).isIn(PARTICIPANTS);
        assertThat(export.header("Retry-After")).isEqualTo("10");
    }
}
