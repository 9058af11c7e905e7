package com.waqup.archfixture.clean.orders;

import com.waqup.archfixture.clean.billing.Invoices;

/** orders' service, which uses billing's public service: one direction only. */
public class Orders {

    private final Invoices invoices;

    public Orders(Invoices invoices) {
        this.invoices = invoices;
    }

    public int place(int items) {
        return invoices.invoice(items);
    }
}
