package com.waqup.payment.privacy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.privacy.PersonalData;
import com.waqup.payment.checkout.CheckoutService;
import org.springframework.stereotype.Component;

/**
 * payment-service's part of the account export and erasure (docs/privacy.md): the person's payments (free claims,
 * purchases, renewals, with refunds) and subscriptions. Erasure keeps what the accounts need (amounts, currencies,
 * dates, provider references) under a hashed person id and forgets the person; the access they gave lives in
 * ritual-library, which erases its own part.
 */
@Component
class PaymentPersonalData implements PersonalData {

    private final CheckoutService payments;

    PaymentPersonalData(CheckoutService payments) {
        this.payments = payments;
    }

    @Override
    public Object export(UUID userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("payments", payments.paymentsOf(userId));
        data.put("subscriptions", payments.subscriptionsOf(userId));
        return data;
    }

    @Override
    public Erasure erase(UUID userId) {
        return Erasure.rows(payments.erase(userId));
    }
}
