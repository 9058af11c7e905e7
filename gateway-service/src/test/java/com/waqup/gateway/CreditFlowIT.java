package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import com.waqup.common.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Credits through the gateway: a registration in user-service reaches credit-service as {@code user.registered}
 * (outbox → RabbitMQ → inbox) and the person sees the free-tier credit with the seed's credit APIs.
 */
class CreditFlowIT extends FlowITSupport {

    String register() {
        Http.Response r = Http.post(url("/api/v1/auth/register"), json("email",
                "credits-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "password", "maple-horizon-6604"),
                "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("token").asString();
    }

    @Test
    void shouldGiveANewPersonTheirFreeCreditAndShowItThroughTheGateway() {
        String token = register();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Response balance = Http.get(url("/api/v1/credits/balance"), "Authorization", "Bearer " + token);
            assertThat(balance.status()).isEqualTo(200);
            assertThat(balance.json().path("balance").asInt()).isEqualTo(1);
        });
        JsonNode balance = Http.get(url("/api/v1/credits/balance"), "Authorization", "Bearer " + token).json();
        assertThat(balance.path("free_tier_used").asBoolean()).isFalse();

        JsonNode transactions = Http.get(url("/api/v1/credits/transactions"), "Authorization", "Bearer " + token).json();
        assertThat(transactions.path("transactions")).hasSize(1);
        assertThat(transactions.path("transactions").get(0).path("type").asString()).isEqualTo("grant");
        assertThat(transactions.path("pagination").path("total").asInt()).isEqualTo(1);

        JsonNode check = Http.post(url("/api/v1/credits/check"), "{\"action\":\"ritual_creation\"}",
                "Content-Type", "application/json", "Authorization", "Bearer " + token).json();
        assertThat(check.path("sufficient").asBoolean()).isTrue();
        JsonNode meditation = Http.post(url("/api/v1/credits/check"), "{\"action\":\"guided_meditation_creation\"}",
                "Content-Type", "application/json", "Authorization", "Bearer " + token).json();
        assertThat(meditation.path("sufficient").asBoolean()).isFalse();
        assertThat(meditation.path("required").asInt()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheLedgerPrivateAndTheInternalApiUnreachable() {
        String token = register();
        assertThat(Http.get(url("/api/v1/credits/balance")).status()).isEqualTo(401);
        Http.Response internal = Http.post(url("/internal/credits/grants"), "{}", "Content-Type", "application/json",
                "Authorization", "Bearer " + token);
        assertThat(internal.status()).isEqualTo(404);
        Http.Response direct = Http.post(CREDITS.url("/internal/credits/grants"), "{\"user_id\":\"" + UUID.randomUUID()
                + "\",\"amount\":100,\"reason\":\"x\",\"idempotency_key\":\"" + UUID.randomUUID() + "\"}",
                "Content-Type", "application/json", "Authorization", "Bearer " + token);
        assertThat(direct.status()).as("even reached directly, a user token never opens /internal").isEqualTo(403);
    }
}
