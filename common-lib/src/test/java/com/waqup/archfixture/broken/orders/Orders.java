package com.waqup.archfixture.broken.orders;

import com.waqup.archfixture.broken.billing.Invoices;
import com.waqup.archfixture.broken.billing.PaymentListener;

/** Deliberately uses billing's listener (another capability's edge). */
public class Orders {

    private final Invoices invoices = new Invoices();

    public int count() {
        return 1;
    }

    public int place() {
        new PaymentListener().onPayment("paid");
        return invoices.invoice(this);
    }
}
