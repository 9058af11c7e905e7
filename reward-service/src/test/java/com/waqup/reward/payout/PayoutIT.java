package com.waqup.reward.payout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import com.waqup.reward.RewardITSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Payout requests: at least the minimum (1000), at most the available tokens, held while pending, idempotent by
 * {@code Idempotency-Key}; an administrator marks them paid (final) or rejected (released).
 */
class PayoutIT extends RewardITSupport {

    UUID creatorWith(long tokens) {
        UUID creator = creator();
        purchase(UUID.randomUUID(), UUID.randomUUID(), creator, UUID.randomUUID(), tokens * 100 / 70);
        assertThat(available(creator)).isEqualTo(tokens);
        return creator;
    }

    Http.Response request(UUID creator, String body, String... key) {
        return key.length == 0
                ? Http.post(url("/api/v1/rewards/payouts"), body, "Content-Type", "application/json", "Authorization", asCreator(creator))
                : Http.post(url("/api/v1/rewards/payouts"), body, "Content-Type", "application/json", "Authorization",
                        asCreator(creator), "Idempotency-Key", key[0]);
    }

    Http.Response decide(String id, String decision, String auth) {
        return Http.post(url("/api/v1/admin/rewards/payouts/" + id + "/" + decision), "{\"reason\":\"checked\"}",
                "Content-Type", "application/json", "Authorization", auth);
    }

    @Test
    void shouldHoldTheTokensOfAPendingPayoutAndAnswerTheSameKeyOnce() {
        UUID creator = creatorWith(7000);
        Http.Response first = request(creator, "{\"amount\":5000}", "k-1");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("status").asString()).isEqualTo("pending");
        Http.Response again = request(creator, "{\"amount\":5000}", "k-1");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(request(creator, "{\"amount\":4000}", "k-1").status()).as("another amount, same key").isEqualTo(409);

        JsonNode balance = ok(Http.get(url("/api/v1/rewards/balance"), "Authorization", asCreator(creator)));
        assertThat(balance.path("balance").asLong()).isEqualTo(2000);
        assertThat(balance.path("pending_payouts").asLong()).isEqualTo(5000);
        assertThat(balance.path("total_earned").asLong()).isEqualTo(7000);

        Http.Response tooMuch = request(creator, "{\"amount\":2001}");
        assertThat(tooMuch.status()).isEqualTo(402);
        assertThat(tooMuch.json().path("error").path("code").asString()).isEqualTo("INSUFFICIENT_TOKENS");
        assertThat(available(creator)).isEqualTo(2000);
    }

    @Test
    void shouldRefuseAPayoutBelowTheMinimumOrWithoutAValidAmount() {
        UUID creator = creatorWith(7000);
        Http.Response small = request(creator, "{\"amount\":999}");
        assertThat(small.status()).isEqualTo(400);
        assertThat(small.json().path("error").path("details").path("fields").has("amount")).isTrue();
        assertThat(request(creator, "{}").status()).isEqualTo(400);
        assertThat(request(creator, "{\"amount\":-5}").status()).isEqualTo(400);
        assertThat(Http.post(url("/api/v1/rewards/payouts"), "{\"amount\":1000}", "Content-Type", "application/json",
                "Authorization", bearer(TestTokens.shared().user(creator))).status()).as("no creator role").isEqualTo(403);
        assertThat(available(creator)).isEqualTo(7000);
    }

    @Test
    void shouldReleaseTheTokensOfARejectedPayoutAndKeepAPaidOneFinal() {
        UUID creator = creatorWith(7000);
        String rejected = request(creator, "{\"amount\":3000}").json().path("id").asString();
        String paid = request(creator, "{\"amount\":2000}").json().path("id").asString();
        assertThat(available(creator)).isEqualTo(2000);

        assertThat(decide(rejected, "rejected", asCreator(creator)).status()).as("creators cannot settle").isEqualTo(403);
        JsonNode r = ok(decide(rejected, "rejected", asAdmin()));
        assertThat(r.path("status").asString()).isEqualTo("rejected");
        assertThat(ok(decide(rejected, "rejected", asAdmin())).path("status").asString()).as("repeated").isEqualTo("rejected");
        assertThat(available(creator)).isEqualTo(5000);
        assertThat(decide(rejected, "paid", asAdmin()).status()).isEqualTo(409);

        assertThat(ok(decide(paid, "paid", asAdmin())).path("status").asString()).isEqualTo("paid");
        assertThat(decide(paid, "rejected", asAdmin()).status()).isEqualTo(409);
        JsonNode balance = ok(Http.get(url("/api/v1/rewards/balance"), "Authorization", asCreator(creator)));
        assertThat(balance.path("balance").asLong()).isEqualTo(5000);
        assertThat(balance.path("pending_payouts").asLong()).isZero();

        Http.Response unknown = decide(UUID.randomUUID().toString(), "paid", asAdmin());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").path("code").asString()).isEqualTo("PAYOUT_NOT_FOUND");
        assertThat(decide("not-a-uuid", "paid", asAdmin()).status()).isEqualTo(400);
    }
}
