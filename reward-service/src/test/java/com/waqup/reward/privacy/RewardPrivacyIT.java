package com.waqup.reward.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.privacy.ErasedUsers;
import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import com.waqup.reward.RewardITSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** reward-service's part of the account export and erasure (docs/privacy.md): accounting kept under the hashed id. */
class RewardPrivacyIT extends RewardITSupport {

    final String service = bearer(TestTokens.shared().service("user-service", "reward-service"));

    @Test
    void shouldExportACreatorsTokensAndPayoutsToServicesOnly() {
        UUID creator = creator();
        UUID pack = UUID.randomUUID();
        UUID buyer = UUID.randomUUID();
        purchase(UUID.randomUUID(), buyer, creator, pack, 2000);
        ok(Http.post(url("/api/v1/rewards/payouts"), "{\"amount\":1000}", "Content-Type", "application/json", "Authorization",
                asCreator(creator)));
        JsonNode data = ok(Http.get(url("/internal/users/" + creator + "/export"), "Authorization", service)).path("data");
        assertThat(data.path("token_account").path("available").asLong()).isEqualTo(400);
        assertThat(data.path("token_entries")).hasSize(2);
        assertThat(data.path("payouts").get(0).path("amount").asLong()).isEqualTo(1000);
        JsonNode buyerData = ok(Http.get(url("/internal/users/" + buyer + "/export"), "Authorization", service)).path("data");
        assertThat(buyerData.path("purchases_rewarded")).hasSize(1);
        assertThat(Http.get(url("/internal/users/" + creator + "/export"), "Authorization", asCreator(creator)).status())
                .isEqualTo(403);
    }

    @Test
    void shouldEraseTheCreatorsIdButKeepTheAccountingUnderItsHash() {
        UUID creator = UUID.randomUUID();
        UUID pack = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        UUID buyer = UUID.randomUUID();
        purchase(payment, buyer, creator, pack, 2000);
        try (EventProbe confirmations = EventProbe.listen(rabbit, amqp, "user.deleted.reward")) {
            UUID eventId = UUID.randomUUID();
            Map<String, Object> request = Map.of("user_id", creator.toString(), "requested_at", Instant.now().toString());
            EventProbe.publish(rabbit, eventId, "user.deletion_requested", request);
            EventProbe.publish(rabbit, eventId, "user.deletion_requested", request);
            confirmations.await(e -> e.path("data").path("user_id").asString().equals(creator.toString()), Duration.ofSeconds(20));
        }
        assertThat(jdbc.queryForObject("select count(*) from token_entry where creator_id = ?", Integer.class, creator)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from token_account where creator_id = ?", Integer.class, creator)).isZero();
        assertThat(jdbc.queryForMap("select amount, created_at is not null as dated from token_entry where creator_hash = ?",
                ErasedUsers.hash(creator))).containsEntry("amount", 1400L).containsEntry("dated", true);

        purchase(UUID.randomUUID(), UUID.randomUUID(), creator, pack, 2000);
        assertThat(jdbc.queryForObject("select count(*) from token_account where creator_id = ?", Integer.class, creator))
                .as("nothing is earned for an erased creator").isZero();
    }
}
