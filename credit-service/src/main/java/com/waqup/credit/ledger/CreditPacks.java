package com.waqup.credit.ledger;

import com.waqup.common.security.InternalScope;
import com.waqup.common.security.ServiceGrants;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.credit.config.CreditProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Credit packs are defined here (configuration) and sold by payment-service: it reads them from
 * {@code GET /internal/credits/packs} and, once Stripe confirms a payment, records the purchase with
 * {@code POST /internal/credits/purchases} (idempotent by the payment event id). People see the packs at
 * {@code GET /api/v1/credits/packs}; {@code POST /api/v1/credits/purchase} itself is payment-service's.
 */
@RestController
class CreditPacks {

    private final CreditProperties properties;
    private final LedgerService ledger;

    CreditPacks(CreditProperties properties, LedgerService ledger) {
        this.properties = properties;
        this.ledger = ledger;
    }

    record PackView(String id, int credits, long priceCents, String currency) {
    }

    record PackList(List<PackView> packs) {
    }

    record PurchaseRequest(@NotNull UUID userId, @NotBlank @Size(max = 32) String packId,
            @NotBlank @Size(max = 200) String paymentEventId) {
    }

    @InternalScope(ServiceGrants.CREDIT_PACKS_READ)
    @GetMapping({ "/api/v1/credits/packs", "/internal/credits/packs" })
    PackList packs() {
        return new PackList(properties.packs().entrySet().stream()
                .map(e -> new PackView(e.getKey(), e.getValue().credits(), e.getValue().priceCents(), e.getValue().currency()))
                .sorted(Comparator.comparingInt(PackView::credits)).toList());
    }

    @InternalScope(ServiceGrants.CREDITS_PURCHASE)
    @PostMapping("/internal/credits/purchases")
    LedgerService.Balance purchase(@Valid @RequestBody PurchaseRequest body) {
        CreditProperties.Pack pack = properties.packs().get(body.packId());
        if (pack == null) {
            throw DomainException.invalid("UNKNOWN_PACK", "Unknown credit pack " + body.packId(),
                    Map.of("fields", Map.of("pack_id", "must be one of " + properties.packs().keySet())));
        }
        return ledger.purchase(body.userId(), pack.credits(), body.packId(), "purchase:" + body.paymentEventId());
    }
}
