package com.waqup.credit.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Releases holds nobody captured or released in time (see {@link LedgerService#releaseExpiredHolds()}), counted in
 * {@code waqup_hold_sweeper_released_total}: a hold the sweeper releases is a generation that never settled, so any
 * rise is alerted on (docs/observability.md).
 */
@Component
class HoldSweeper {

    private final LedgerService ledger;
    private final Counter released;

    HoldSweeper(LedgerService ledger, MeterRegistry meters) {
        this.ledger = ledger;
        this.released = Counter.builder("waqup.hold.sweeper.released")
                .description("Credit holds the sweeper released because nobody captured or released them in time")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${waqup.credit.sweep-interval:30s}", initialDelayString = "${waqup.credit.sweep-interval:30s}")
    void sweep() {
        released.increment(ledger.releaseExpiredHolds());
    }
}
