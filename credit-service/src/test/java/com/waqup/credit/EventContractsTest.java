package com.waqup.credit;

import java.util.UUID;

import com.waqup.common.test.EventContracts;
import com.waqup.credit.ledger.BalanceChanged;
import org.junit.jupiter.api.Test;

/** The event credit-service publishes, pinned to its golden JSON (the one it consumes: onboarding's test). */
class EventContractsTest {

    @Test
    void shouldPublishBalanceChangedAsTheGoldenJson() {
        EventContracts.assertPublishes(BalanceChanged.TYPE,
                new BalanceChanged(UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), 3, 2, -2, "hold"));
    }
}
