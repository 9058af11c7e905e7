package com.waqup.reward.payout;

import java.util.UUID;

import com.waqup.common.security.AuthenticatedUser;
import com.waqup.reward.config.RewardRoles;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Settling payout requests, for administrators (the gateway also requires the admin role on /api/v1/admin/**). */
@RestController
@RequestMapping("/api/v1/admin/rewards/payouts")
class AdminPayoutController {

    private final PayoutService payouts;

    AdminPayoutController(PayoutService payouts) {
        this.payouts = payouts;
    }

    record Decision(@Size(max = 500) String reason) {
    }

    @PostMapping("/{id}/paid")
    @Operation(summary = "Mark a pending payout paid: its held tokens are gone for good")
    PayoutService.PayoutView paid(AuthenticatedUser user, @PathVariable UUID id,
            @Valid @RequestBody(required = false) Decision body) {
        return payouts.resolve(id, PayoutService.PAID, RewardRoles.requireAdmin(user), body == null ? null : body.reason());
    }

    @PostMapping("/{id}/rejected")
    @Operation(summary = "Reject a pending payout: its held tokens return to the creator's balance")
    PayoutService.PayoutView rejected(AuthenticatedUser user, @PathVariable UUID id,
            @Valid @RequestBody(required = false) Decision body) {
        return payouts.resolve(id, PayoutService.REJECTED, RewardRoles.requireAdmin(user), body == null ? null : body.reason());
    }
}
