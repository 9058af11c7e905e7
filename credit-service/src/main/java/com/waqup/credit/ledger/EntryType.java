package com.waqup.credit.ledger;

import java.util.Locale;

/** The kinds of ledger entries; {@code amount} is each entry's effect on the available credits. */
enum EntryType {
    GRANT, PURCHASE, HOLD, CAPTURE, RELEASE, REFUND, ADJUSTMENT;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static EntryType of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
