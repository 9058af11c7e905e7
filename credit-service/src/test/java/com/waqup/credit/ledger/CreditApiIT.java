package com.waqup.credit.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The seed's public Credit APIs, as a person sees their own credits. */
class CreditApiIT extends ServiceITSupport {

    @Autowired
    LedgerService ledger;

    Http.Response get(UUID user, String path) {
        return Http.get(url(path), "Authorization", bearer(TestTokens.shared().user(user)));
    }

    Http.Response post(UUID user, String path, String body) {
        return Http.post(url(path), body, "Content-Type", "application/json", "Authorization", bearer(TestTokens.shared().user(user)));
    }

    @Test
    void shouldShowTheAvailableBalanceTheSeedsWay() {
        UUID user = UUID.randomUUID();
        JsonNode empty = get(user, "/api/v1/credits/balance").json();
        assertThat(empty.path("balance").asInt()).isZero();
        assertThat(empty.path("free_tier_used").asBoolean()).isFalse();

        ledger.grantFreeTier(user);
        ledger.purchase(user, 10, "seeker", "purchase:evt_" + UUID.randomUUID());
        ledger.placeHold(UUID.randomUUID(), user, 2, "guided_meditation", UUID.randomUUID());
        JsonNode balance = get(user, "/api/v1/credits/balance").json();
        assertThat(balance.path("balance").asInt()).as("open holds are not spendable").isEqualTo(9);
        assertThat(balance.path("last_transaction_at").asString()).endsWith("Z");
    }

    @Test
    void shouldListTransactionsNewestFirstInTheSeedsVocabulary() {
        UUID user = UUID.randomUUID();
        ledger.grantFreeTier(user);
        ledger.purchase(user, 10, "seeker", "purchase:evt_" + UUID.randomUUID());
        UUID captured = UUID.randomUUID();
        UUID ritual = UUID.randomUUID();
        ledger.placeHold(captured, user, 1, "ritual", ritual);
        ledger.capture(captured);
        UUID released = UUID.randomUUID();
        ledger.placeHold(released, user, 2, "guided_meditation", UUID.randomUUID());
        ledger.release(released, "audio_failed");
        UUID pending = UUID.randomUUID();
        ledger.placeHold(pending, user, 1, "affirmation", UUID.randomUUID());

        JsonNode list = get(user, "/api/v1/credits/transactions").json();
        JsonNode tx = list.path("transactions");
        assertThat(tx).hasSize(6);
        assertThat(tx.get(0).path("type").asString()).isEqualTo("consumption");
        assertThat(tx.get(0).path("status").asString()).isEqualTo("pending");
        assertThat(tx.get(0).path("amount").asInt()).isEqualTo(-1);
        assertThat(tx.get(0).path("balance_after").asInt()).isEqualTo(9);
        assertThat(tx.get(1).path("type").asString()).isEqualTo("refund");
        assertThat(tx.get(1).path("amount").asInt()).isEqualTo(2);
        assertThat(tx.get(2).path("status").asString()).isEqualTo("refunded");
        assertThat(tx.get(3).path("type").asString()).isEqualTo("consumption");
        assertThat(tx.get(3).path("status").asString()).isEqualTo("completed");
        assertThat(tx.get(3).path("ritual_id").asString()).isEqualTo(ritual.toString());
        assertThat(tx.get(4).path("type").asString()).isEqualTo("purchase");
        assertThat(tx.get(4).path("pack_id").asString()).isEqualTo("seeker");
        assertThat(tx.get(4).path("balance_after").asInt()).isEqualTo(11);
        assertThat(tx.get(5).path("type").asString()).isEqualTo("grant");
        assertThat(list.path("pagination").path("total").asInt()).isEqualTo(6);

        JsonNode consumptions = get(user, "/api/v1/credits/transactions?transaction_type=consumption&limit=2").json();
        assertThat(consumptions.path("transactions")).hasSize(2);
        assertThat(consumptions.path("pagination").path("total").asInt()).isEqualTo(3);
        assertThat(consumptions.path("pagination").path("has_next").asBoolean()).isTrue();
        assertThat(get(user, "/api/v1/credits/transactions?transaction_type=gift").status()).isEqualTo(400);
        assertThat(get(UUID.randomUUID(), "/api/v1/credits/transactions").json().path("transactions")).as("only one's own").isEmpty();
    }

    @Test
    void shouldCheckWhatAnActionCosts() {
        UUID user = UUID.randomUUID();
        ledger.grantFreeTier(user);
        JsonNode ritual = post(user, "/api/v1/credits/check", "{\"action\":\"ritual_creation\"}").json();
        assertThat(ritual.path("sufficient").asBoolean()).isTrue();
        assertThat(ritual.path("required").asInt()).isEqualTo(1);
        assertThat(ritual.path("balance").asInt()).isEqualTo(1);
        JsonNode meditation = post(user, "/api/v1/credits/check", "{\"action\":\"guided_meditation\"}").json();
        assertThat(meditation.path("sufficient").asBoolean()).isFalse();
        assertThat(meditation.path("required").asInt()).isEqualTo(2);
        Http.Response unknown = post(user, "/api/v1/credits/check", "{\"action\":\"podcast_creation\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").path("code").asString()).isEqualTo("UNKNOWN_ACTION");
        assertThat(post(user, "/api/v1/credits/check", "{}").status()).isEqualTo(400);
    }

    @Test
    void shouldListTheCreditPacks() {
        JsonNode packs = get(UUID.randomUUID(), "/api/v1/credits/packs").json().path("packs");
        assertThat(packs).hasSize(3);
        assertThat(packs.get(0).path("id").asString()).isEqualTo("starter");
        assertThat(packs.get(0).path("credits").asInt()).isEqualTo(3);
        assertThat(packs.get(2).path("credits").asInt()).isEqualTo(30);
    }
}
