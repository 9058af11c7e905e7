package com.waqup.credit.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.common.paging.PageQuery;
import com.waqup.common.paging.Pagination;
import com.waqup.common.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The seed's Credit APIs for the caller's own credits. */
@RestController
@RequestMapping("/api/v1/credits")
class CreditController {

    private final LedgerService ledger;

    CreditController(LedgerService ledger) {
        this.ledger = ledger;
    }

    record BalanceResponse(int balance, boolean freeTierUsed, Instant lastTransactionAt) {
    }

    record TransactionList(List<LedgerService.Transaction> transactions, Pagination pagination) {
    }

    record CheckRequest(@NotBlank @Size(max = 64) String action, UUID ritualId) {
    }

    record CheckResponse(boolean sufficient, int balance, int required, String message) {
    }

    /** What the person can spend now (open holds are already taken out). */
    @GetMapping("/balance")
    BalanceResponse balance(AuthenticatedUser user) {
        LedgerService.Balance balance = ledger.balance(user.id());
        return new BalanceResponse(balance.available(), balance.freeTierUsed(), balance.lastTransactionAt());
    }

    @GetMapping("/transactions")
    TransactionList transactions(AuthenticatedUser user, PageQuery page,
            @RequestParam(name = "transaction_type", required = false) String type) {
        Page<LedgerService.Transaction> result = ledger.transactions(user.id(), type, page);
        return new TransactionList(result.getContent(), Pagination.of(page, result.getTotalElements()));
    }

    /**
     * Whether the person can afford an action. {@code action} is a content type ({@code affirmation},
     * {@code guided_meditation}, {@code ritual}) or the seed's {@code <type>_creation} form.
     */
    @PostMapping("/check")
    CheckResponse check(AuthenticatedUser user, @Valid @RequestBody CheckRequest body) {
        String contentType = body.action().endsWith("_creation")
                ? body.action().substring(0, body.action().length() - "_creation".length()) : body.action();
        int required = ledger.costOf(contentType).orElseThrow(() -> DomainException.invalid("UNKNOWN_ACTION",
                "Unknown action " + body.action(), Map.of("fields", Map.of("action",
                        "must be one of affirmation_creation, guided_meditation_creation, ritual_creation"))));
        int balance = ledger.balance(user.id()).available();
        boolean sufficient = balance >= required;
        return new CheckResponse(sufficient, balance, required, sufficient ? "You have sufficient credits"
                : "You need " + required + " credit" + (required == 1 ? "" : "s") + " and have " + balance);
    }
}
