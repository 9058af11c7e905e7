package com.waqup.reward.payout;

import com.waqup.common.security.AuthenticatedUser;
import com.waqup.reward.config.RewardRoles;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A creator's payout requests (creator role; docs/rewards.md). */
@RestController
@RequestMapping("/api/v1/rewards/payouts")
class PayoutController {

    private final PayoutService payouts;

    PayoutController(PayoutService payouts) {
        this.payouts = payouts;
    }

    record PayoutRequest(@NotNull @Positive Long amount) {
    }

    @PostMapping
    @Operation(summary = "Request a payout of at least the minimum and at most the available tokens, held while pending")
    ResponseEntity<PayoutService.PayoutView> request(AuthenticatedUser user, @Valid @RequestBody PayoutRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey) {
        PayoutService.Requested r = payouts.request(RewardRoles.require(user), body.amount(),
                idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim());
        return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(r.payout());
    }
}
