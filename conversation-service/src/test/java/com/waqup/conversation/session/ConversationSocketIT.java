package com.waqup.conversation.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.Events;
import com.waqup.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The conversation over a real WebSocket, and generation news pushed from RabbitMQ. */
class ConversationSocketIT extends ConversationITSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RabbitTemplate rabbit;

    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

    WebSocketSession connect(String token) throws Exception {
        return new StandardWebSocketClient().execute(new TextWebSocketHandler() {
            @Override
            protected void handleTextMessage(WebSocketSession session, TextMessage message) {
                frames.add(JSON.readTree(message.getPayload()));
            }
        }, "ws://127.0.0.1:" + port + "/ws/conversation?token=" + token).get(10, TimeUnit.SECONDS);
    }

    JsonNode send(WebSocketSession ws, String frame) throws Exception {
        ws.sendMessage(new TextMessage(frame));
        JsonNode reply = frames.poll(10, TimeUnit.SECONDS);
        assertThat(reply).as("a reply to " + frame).isNotNull();
        return reply;
    }

    /**
     * The next frame matching {@code wanted}, skipping the pushes of the real generation pipeline (content-generation
     * starts writing at once and reports its progress on the same socket, in any order with the test's own frames).
     */
    JsonNode awaitFrame(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode frame;
        while ((frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            if (wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("no matching frame within 10 s");
    }

    @Test
    void shouldRefuseAHandshakeWithoutAValidPersonsToken() {
        StandardWebSocketClient client = new StandardWebSocketClient();
        for (String query : new String[] { "", "?token=nonsense", "?token=" + TestTokens.signedByStranger(UUID.randomUUID()),
                "?token=" + TestTokens.shared().service("credit-service", "conversation-service") }) {
            assertThatThrownBy(() -> client.execute(new TextWebSocketHandler(), "ws://127.0.0.1:" + port + "/ws/conversation" + query)
                    .get(10, TimeUnit.SECONDS)).as(query).hasMessageContaining("401");
        }
    }

    @Test
    void shouldHoldTheWholeConversationOverTheSocketAndPushWhenItIsReady() throws Exception {
        UUID user = UUID.randomUUID();
        giveCredits(user, 2);
        WebSocketSession ws = connect(TestTokens.shared().user(user));
        JsonNode started = send(ws, "{\"type\":\"start\",\"content_type\":\"affirmation\"}");
        assertThat(started.path("type").asString()).isEqualTo("started");
        String session = started.path("session_id").asString();

        JsonNode response = send(ws, "{\"type\":\"message\",\"session_id\":\"" + session
                + "\",\"content\":\"I need something to help me sleep, I'm restless, 3 minutes\"}");
        assertThat(response.path("type").asString()).isEqualTo("response");
        assertThat(response.path("state").asString()).isEqualTo("Personalization");
        assertThat(response.path("session_id").asString()).isEqualTo(session);
        JsonNode confirmation = send(ws, "{\"type\":\"message\",\"session_id\":\"" + session + "\",\"content\":\"sounds good\"}");
        assertThat(confirmation.path("state").asString()).isEqualTo("Confirmation");
        assertThat(confirmation.path("summary").path("cost").asInt()).isEqualTo(1);

        JsonNode bad = send(ws, "{\"type\":\"message\",\"session_id\":\"" + session + "\",\"content\":\"\"}");
        assertThat(bad.path("type").asString()).isEqualTo("error");
        assertThat(bad.path("code").asString()).isEqualTo("VALIDATION_FAILED");
        JsonNode nul = send(ws, "{\"type\":\"message\",\"session_id\":\"" + session + "\",\"content\":\"calm\\u0000sleep\"}");
        assertThat(nul.path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(nul.path("details").path("fields").path("content").asString()).contains("NUL");
        JsonNode notJson = send(ws, "{oops");
        assertThat(notJson.path("code").asString()).isEqualTo("MALFORMED_JSON");

        ws.sendMessage(new TextMessage("{\"type\":\"complete\",\"session_id\":\"" + session + "\",\"confirm\":true}"));
        JsonNode generating = awaitFrame(f -> !f.path("type").asString().equals("progress"));
        assertThat(generating.path("type").asString()).isEqualTo("generating");
        String ritual = generating.path("ritual_id").asString();

        rabbit.convertAndSend(Events.EXCHANGE, "generation.progress", new EventEnvelope<>(UUID.randomUUID(), "generation.progress",
                Instant.now(), "t", Map.of("ritual_id", ritual, "user_id", user.toString(), "status", "voicing", "progress", 60)));
        JsonNode progress = awaitFrame(f -> f.path("progress").asInt() == 60);
        assertThat(progress.path("type").asString()).isEqualTo("progress");
        assertThat(progress.path("ritual_id").asString()).isEqualTo(ritual);

        rabbit.convertAndSend(Events.EXCHANGE, "content.ready", new EventEnvelope<>(UUID.randomUUID(), "content.ready",
                Instant.now(), "t", Map.of("content_id", ritual, "ritual_id", ritual, "user_id", user.toString(),
                        "title", "Night Sleep")));
        JsonNode ready = awaitFrame(f -> !f.path("type").asString().equals("progress"));
        assertThat(ready.path("type").asString()).isEqualTo("ready");
        assertThat(ready.path("ritual_id").asString()).isEqualTo(ritual);
        ws.close();
    }

    @Test
    void shouldNotPushOnePersonsNewsToAnother() throws Exception {
        UUID watcher = UUID.randomUUID();
        WebSocketSession ws = connect(TestTokens.shared().user(watcher));
        UUID item = UUID.randomUUID();
        rabbit.convertAndSend(Events.EXCHANGE, "content.ready", new EventEnvelope<>(UUID.randomUUID(), "content.ready",
                Instant.now(), "t", Map.of("content_id", item.toString(), "ritual_id", item.toString(),
                        "user_id", UUID.randomUUID().toString())));
        assertThat(frames.poll(2, TimeUnit.SECONDS)).isNull();
        ws.close();
    }
}
