package com.waqup.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import com.waqup.common.test.EventContracts;
import com.waqup.reward.ledger.TokenEarned;
import org.junit.jupiter.api.Test;

/** The event reward-service publishes, pinned to its golden JSON (the events it reads: earning's contract test). */
class RewardEventsContractTest {

    @Test
    void shouldPublishRewardEarnedAsTheGoldenJson() {
        EventContracts.assertPublishes(TokenEarned.TYPE, new TokenEarned(UUID.fromString("6f5e4d3c-2b1a-4098-8f7e-6d5c4b3a2918"),
                UUID.fromString("5b0d6a8e-1f2e-4c3d-9a8b-7c6d5e4f3a2b"), UUID.fromString("3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99"),
                "purchase", 699, UUID.fromString("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"),
                UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"), "payment.succeeded", Instant.parse("2026-11-28T10:00:01Z")));
        assertThat(TokenEarned.TYPE).isEqualTo("reward.earned");
    }
}
