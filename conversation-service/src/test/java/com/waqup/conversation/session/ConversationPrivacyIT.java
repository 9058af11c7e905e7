package com.waqup.conversation.session;

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
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.TestDatabase;
import com.waqup.common.test.TestTokens;

import tools.jackson.databind.JsonNode;

/** conversation-service's part of the account export and erasure (docs/privacy.md): transcripts and live sessions. */
class ConversationPrivacyIT extends ConversationITSupport {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin amqp;

    String talk(UUID person, String sentence) {
        String token = "Bearer " + TestTokens.shared().user(person);
        Http.Response start = Http.post(url("/api/v1/conversation/start"), "{\"content_type\":\"ritual\"}", "Content-Type",
                "application/json", "Authorization", token);
        assertThat(start.status()).as(start.body()).isEqualTo(201);
        String session = start.json().path("session_id").asString();
        Http.Response turn = Http.post(url("/api/v1/conversation/message"), "{\"session_id\":\"" + session + "\",\"message\":\""
                + sentence + "\"}", "Content-Type", "application/json", "Authorization", token);
        assertThat(turn.status()).as(turn.body()).isEqualTo(200);
        return session;
    }

    @Test
    void shouldExportTranscriptsAndEraseThemWithTheLiveSessions() {
        UUID person = UUID.randomUUID();
        UUID bystander = UUID.randomUUID();
        String first = talk(person, "I want to feel calmer in the evening at home");
        String second = talk(person, "something for focus at work");
        String kept = talk(bystander, "gratitude in the morning");

        Http.Response export = Http.get(url("/internal/users/" + person + "/export"), "Authorization",
                "Bearer " + TestTokens.shared().service("user-service", "conversation-service"));
        assertThat(export.status()).isEqualTo(200);
        JsonNode conversations = export.json().path("data").path("conversations");
        assertThat(conversations).hasSize(2);
        assertThat(conversations.toString()).contains(first, second, "calmer in the evening").doesNotContain(kept);
        assertThat(Http.get(url("/internal/users/" + person + "/export"), "Authorization",
                "Bearer " + TestTokens.shared().user(person)).status()).isEqualTo(403);
        assertThat(redis.hasKey("session:" + first)).isTrue();

        try (EventProbe confirmations = EventProbe.listen(rabbit, amqp, "user.deleted.conversation")) {
            EventProbe.publish(rabbit, "user.deletion_requested", Map.of("user_id", person.toString(), "requested_at", Instant.now().toString()));
            JsonNode confirmed = confirmations.await(e -> e.path("data").path("user_id").asString().equals(person.toString()),
                    Duration.ofSeconds(20));
            assertThat(confirmed.path("data").path("rows_deleted").asLong()).isEqualTo(2);
        }
        assertThat(redis.hasKey("session:" + first)).as("the live session is gone too").isFalse();
        assertThat(redis.hasKey("session:" + second)).isFalse();
        assertThat(redis.hasKey("session:" + kept)).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestDatabase.rowsNaming("conversation", person)).isEmpty());
        assertThat(Http.get(url("/api/v1/conversation/state?session_id=" + first), "Authorization",
                "Bearer " + TestTokens.shared().user(person)).status()).isEqualTo(404);
    }
}
