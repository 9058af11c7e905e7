package com.waqup.credit.ledger;

import java.util.UUID;

/**
 * The {@code data} of {@code credit.balance_changed} (a published contract): a person's credits moved.
 *
 * @param change    the entry's effect on {@code available} (0 for a capture)
 * @param entryType grant, purchase, hold, capture, release, refund or adjustment
 */
public record BalanceChanged(UUID userId, int available, int held, int change, String entryType) {

    public static final String TYPE = "credit.balance_changed";
}
