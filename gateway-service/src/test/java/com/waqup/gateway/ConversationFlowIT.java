package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.waqup.common.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creation as a person lives it, through the gateway: register (the free credit arrives), talk the practice
 * into shape over REST or the WebSocket, confirm, and the job exists with the credit held; repeated
 * confirmation never creates a second job; without credits, 402 and nothing created.
 */
class ConversationFlowIT extends FlowITSupport {

    Http.Response post(String token, String path, String body) {
        return Http.post(url(path), body, "Content-Type", "application/json", "Authorization", "Bearer " + token);
    }

    void awaitFreeCredit(String token) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(url("/api/v1/credits/balance"), "Authorization", "Bearer " + token)
                .json().path("balance").asInt() == 1);
    }

    @Test
    void shouldTalkAPracticeIntoShapeAndStartItOverRest() {
        String token = register("talk");
        awaitFreeCredit(token);
        Http.Response start = post(token, "/api/v1/conversation/start", "{\"content_type\":\"ritual\"}");
        assertThat(start.status()).as(start.body()).isEqualTo(201);
        String session = start.json().path("session_id").asString();

        JsonNode first = post(token, "/api/v1/conversation/message", "{\"session_id\":\"" + session
                + "\",\"message\":\"I can't switch off at night, something for the evening at home\"}").json();
        assertThat(first.path("context").path("intent").asString()).isEqualTo("wind_down");
        JsonNode second = post(token, "/api/v1/conversation/message", "{\"session_id\":\"" + session + "\",\"message\":\"ten min\"}").json();
        assertThat(second.path("state").asString()).isEqualTo("Personalization");
        JsonNode card = post(token, "/api/v1/conversation/message", "{\"session_id\":\"" + session + "\",\"message\":\"sounds good\"}").json();
        assertThat(card.path("state").asString()).isEqualTo("Confirmation");
        assertThat(card.path("summary").path("available").asInt()).as("the free credit, from credit-service").isEqualTo(1);
        assertThat(card.path("summary").path("cost").asInt()).isEqualTo(1);

        Http.Response complete = post(token, "/api/v1/conversation/complete", "{\"session_id\":\"" + session + "\",\"confirm\":true}");
        assertThat(complete.status()).as(complete.body()).isEqualTo(200);
        String ritual = complete.json().path("ritual_id").asString();
        assertThat(complete.json().path("status").asString()).isEqualTo("generating");
        assertThat(post(token, "/api/v1/conversation/complete", "{\"session_id\":\"" + session + "\",\"confirm\":true}")
                .json().path("ritual_id").asString()).isEqualTo(ritual);

        JsonNode job = Http.get(url("/api/v1/generations/" + ritual), "Authorization", "Bearer " + token).json();
        assertThat(job.path("status").asString()).as("the pipeline takes it at once (CreationFlowIT follows it to the end)")
                .isIn("queued", "writing", "voicing", "ready");
        assertThat(Http.get(url("/api/v1/credits/balance"), "Authorization", "Bearer " + token).json().path("balance").asInt())
                .as("the credit is held (or, once ready, spent)").isZero();
        JsonNode tx = Http.get(url("/api/v1/credits/transactions?transaction_type=consumption"), "Authorization", "Bearer " + token).json();
        assertThat(tx.path("transactions")).hasSize(1);
        assertThat(tx.path("transactions").get(0).path("status").asString()).isIn("pending", "completed");
        assertThat(tx.path("transactions").get(0).path("ritual_id").asString()).isEqualTo(ritual);

        String stranger = register("stranger");
        assertThat(Http.get(url("/api/v1/generations/" + ritual), "Authorization", "Bearer " + stranger).status()).isEqualTo(404);
        assertThat(Http.get(url("/api/v1/conversation/state?session_id=" + session), "Authorization", "Bearer " + stranger).status())
                .isEqualTo(404);
    }

    @Test
    void shouldRefuseAMeditationTheFreeCreditCannotPayFor() {
        String token = register("short");
        awaitFreeCredit(token);
        String session = post(token, "/api/v1/conversation/start", "{\"content_type\":\"guided_meditation\"}").json().path("session_id").asString();
        post(token, "/api/v1/conversation/message", "{\"session_id\":\"" + session
                + "\",\"message\":\"I can't sleep, restless, 10 minutes in bed at night\"}");
        JsonNode card = post(token, "/api/v1/conversation/message", "{\"session_id\":\"" + session + "\",\"message\":\"yes\"}").json();
        assertThat(card.path("summary").path("cost").asInt()).isEqualTo(2);
        Http.Response refused = post(token, "/api/v1/conversation/complete", "{\"session_id\":\"" + session + "\",\"confirm\":true}");
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(refused.json().path("error").path("details").path("required").asInt()).isEqualTo(2);
        assertThat(refused.json().path("error").path("details").path("available").asInt()).isEqualTo(1);
        assertThat(Http.get(url("/api/v1/credits/balance"), "Authorization", "Bearer " + token).json().path("balance").asInt())
                .as("nothing held").isEqualTo(1);
    }

    @Test
    void shouldHoldTheConversationOverTheGatewaysWebSocket() {
        String token = register("socket");
        awaitFreeCredit(token);
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> frames = new ArrayList<>();
        Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
        outbound.tryEmitNext("{\"type\":\"start\",\"content_type\":\"affirmation\"}");
        new ReactorNettyWebSocketClient().execute(URI.create("ws://127.0.0.1:" + port + "/ws/conversation?token=" + token), ws -> {
            Mono<Void> send = ws.send(outbound.asFlux().map(ws::textMessage));
            Mono<Void> receive = ws.receive().map(WebSocketMessage::getPayloadAsText).map(json::readTree).take(2)
                    .doOnNext(frame -> {
                        frames.add(frame);
                        if (frames.size() == 1) {
                            outbound.tryEmitNext("{\"type\":\"message\",\"session_id\":\"" + frame.path("session_id").asString()
                                    + "\",\"content\":\"confidence, I feel nervous, 2 minutes\"}");
                        } else {
                            outbound.tryEmitComplete();
                        }
                    }).then();
            return Mono.when(send, receive);
        }).block(Duration.ofSeconds(20));
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).path("type").asString()).isEqualTo("started");
        assertThat(frames.get(1).path("type").asString()).isEqualTo("response");
        assertThat(frames.get(1).path("state").asString()).isEqualTo("Personalization");
        assertThat(frames.get(1).path("context").path("intent").asString()).isEqualTo("confidence");
        assertThat(UUID.fromString(frames.get(1).path("session_id").asString())).isNotNull();
    }
}
