package com.waqup.payment.checkout;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.waqup.common.paging.PageQuery;
import com.waqup.common.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's checkout ({@code POST /api/v1/payments/checkout}: a free pack at once, a paid one through a Checkout
 * session), the credit purchase ({@code POST /api/v1/credits/purchase}, routed here by the gateway), the person's
 * purchases, and Stripe's webhook (public, signature-checked).
 */
@RestController
class CheckoutController {

    private final CheckoutService checkout;
    private final WebhookIntake webhooks;

    CheckoutController(CheckoutService checkout, WebhookIntake webhooks) {
        this.checkout = checkout;
        this.webhooks = webhooks;
    }

    /** The seed's request; {@code success_url}/{@code cancel_url} are for paid checkout (ignored for a free claim). */
    record CheckoutRequest(UUID packId, @Size(max = 40) String priceType, @Size(max = 2000) String successUrl,
            @Size(max = 2000) String cancelUrl) {
    }

    @PostMapping("/api/v1/payments/checkout")
    CheckoutService.Checkout checkout(AuthenticatedUser user, @Valid @RequestBody CheckoutRequest body) {
        return checkout.checkout(user.id(), body.packId(), body.priceType(), body.successUrl(), body.cancelUrl());
    }

    record CreditPurchaseRequest(@Size(max = 40) String packType, @Size(max = 2000) String successUrl,
            @Size(max = 2000) String cancelUrl) {
    }

    @PostMapping("/api/v1/credits/purchase")
    CheckoutService.CreditCheckout purchaseCredits(AuthenticatedUser user, @Valid @RequestBody CreditPurchaseRequest body) {
        return checkout.purchaseCredits(user.id(), body.packType(), body.successUrl(), body.cancelUrl());
    }

    @GetMapping("/api/v1/payments/purchases")
    CheckoutService.Purchases purchases(AuthenticatedUser user, PageQuery page) {
        return checkout.purchases(user.id(), page);
    }

    /** Stripe's webhook: the raw body exactly as sent (the signature covers its bytes). */
    @PostMapping("/api/v1/payments/webhook")
    WebhookIntake.Received webhook(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        return webhooks.receive(body == null ? "" : new String(body, StandardCharsets.UTF_8), signature);
    }
}
