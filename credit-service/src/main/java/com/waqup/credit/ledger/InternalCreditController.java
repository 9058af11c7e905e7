package com.waqup.credit.ledger;

import com.waqup.common.security.InternalScope;
import com.waqup.common.security.ServiceGrants;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For other services only (service token): holds for generation jobs, grants and purchases, refunds and
 * adjustments. Every command is idempotent by its key; see docs/credits.md.
 */
@RestController
@RequestMapping("/internal/credits")
class InternalCreditController {

    private final LedgerService ledger;

    InternalCreditController(LedgerService ledger) {
        this.ledger = ledger;
    }

    /** {@code amount} or, if absent, the configured cost of {@code content_type}. */
    record HoldRequest(@NotNull UUID jobId, @NotNull UUID userId, @Positive Integer amount,
            @Size(max = 32) String contentType, UUID contentId) {
    }

    record ReleaseRequest(@NotBlank @Size(max = 200) String reason) {
    }

    record GrantRequest(@NotNull UUID userId, @NotNull @Positive Integer amount, @NotBlank @Size(max = 200) String reason,
            @NotBlank @Size(max = 200) String idempotencyKey) {
    }

    record AdjustmentRequest(@NotNull UUID userId, @NotNull Integer delta, @NotBlank @Size(max = 200) String reason,
            @NotBlank @Size(max = 200) String idempotencyKey) {
    }

    record RefundRequest(@NotBlank @Size(max = 200) String reason) {
    }

    @InternalScope(ServiceGrants.CREDITS_HOLD)
    @PostMapping("/holds")
    ResponseEntity<LedgerService.HoldView> hold(@Valid @RequestBody HoldRequest body) {
        int amount = body.amount() != null ? body.amount()
                : ledger.costOf(body.contentType()).orElseThrow(
                        () -> DomainException.invalidField("content_type", "must be a known content type when amount is absent"));
        LedgerService.HoldView hold = ledger.placeHold(body.jobId(), body.userId(), amount, body.contentType(), body.contentId());
        return ResponseEntity.status(HttpStatus.CREATED).body(hold);
    }

    @InternalScope(ServiceGrants.CREDITS_HOLD)
    @GetMapping("/holds/{jobId}")
    LedgerService.HoldView getHold(@PathVariable UUID jobId) {
        return ledger.hold(jobId);
    }

    @InternalScope(ServiceGrants.CREDITS_CAPTURE)
    @PostMapping("/holds/{jobId}/capture")
    LedgerService.HoldView capture(@PathVariable UUID jobId) {
        return ledger.capture(jobId);
    }

    @InternalScope(ServiceGrants.CREDITS_RELEASE)
    @PostMapping("/holds/{jobId}/release")
    LedgerService.HoldView release(@PathVariable UUID jobId, @Valid @RequestBody ReleaseRequest body) {
        return ledger.release(jobId, body.reason());
    }

    @InternalScope(ServiceGrants.CREDITS_REFUND)
    @PostMapping("/holds/{jobId}/refund")
    LedgerService.Balance refund(@PathVariable UUID jobId, @Valid @RequestBody RefundRequest body) {
        return ledger.refundCaptured(jobId, body.reason());
    }

    @InternalScope(ServiceGrants.CREDITS_GRANT)
    @PostMapping("/grants")
    LedgerService.Balance grant(@Valid @RequestBody GrantRequest body) {
        return ledger.grant(body.userId(), body.amount(), EntryType.GRANT, null, body.reason(), "grant:" + body.idempotencyKey());
    }

    @InternalScope(ServiceGrants.CREDITS_ADJUST)
    @PostMapping("/adjustments")
    LedgerService.Balance adjust(@Valid @RequestBody AdjustmentRequest body) {
        return ledger.adjust(body.userId(), body.delta(), body.reason(), "adjustment:" + body.idempotencyKey());
    }

    record Quote(String contentType, int required, int available, boolean sufficient) {
    }

    /** What a creation of {@code content_type} costs this person and whether they can afford it now. */
    @InternalScope(ServiceGrants.CREDITS_QUOTE)
    @GetMapping("/quote")
    Quote quote(@RequestParam("user_id") UUID userId,
            @RequestParam("content_type") String contentType) {
        int required = ledger.costOf(contentType).orElseThrow(
                () -> DomainException.invalidField("content_type", "must be one of affirmation, guided_meditation, ritual"));
        int available = ledger.balance(userId).available();
        return new Quote(contentType, required, available, available >= required);
    }

    @InternalScope(ServiceGrants.CREDITS_READ)
    @GetMapping("/balances/{userId}")
    LedgerService.Balance balance(@PathVariable UUID userId) {
        return ledger.balance(userId);
    }
}
