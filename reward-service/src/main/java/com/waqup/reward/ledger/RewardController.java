package com.waqup.reward.ledger;

import com.waqup.common.paging.PageQuery;
import com.waqup.reward.config.RewardRoles;
import com.waqup.common.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A creator's tokens: balance and history (creator role; docs/rewards.md). */
@RestController
@RequestMapping("/api/v1/rewards")
class RewardController {

    private final TokenLedger ledger;

    RewardController(TokenLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/balance")
    @Operation(summary = "The creator's available tokens, tokens held by pending payouts, and all tokens earned")
    TokenLedger.Balance balance(AuthenticatedUser user) {
        return ledger.balance(RewardRoles.require(user));
    }

    @GetMapping("/history")
    @Operation(summary = "The creator's token entries, newest first, each with the event that caused it")
    TokenLedger.History history(AuthenticatedUser user, PageQuery page) {
        return ledger.history(RewardRoles.require(user), page);
    }
}
