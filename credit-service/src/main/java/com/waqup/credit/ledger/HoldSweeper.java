package com.waqup.credit.ledger;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Releases holds nobody captured or released in time (see {@link LedgerService#releaseExpiredHolds()}). */
@Component
class HoldSweeper {

    private final LedgerService ledger;

    HoldSweeper(LedgerService ledger) {
        this.ledger = ledger;
    }

    @Scheduled(fixedDelayString = "${waqup.credit.sweep-interval:30s}", initialDelayString = "${waqup.credit.sweep-interval:30s}")
    void sweep() {
        ledger.releaseExpiredHolds();
    }
}
