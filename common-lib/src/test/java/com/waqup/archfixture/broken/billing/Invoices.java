package com.waqup.archfixture.broken.billing;

import com.waqup.archfixture.broken.orders.Orders;

/** Deliberately calls back into orders: orders → billing → orders is a cycle. */
public class Invoices {

    public int invoice(Orders orders) {
        return orders.count();
    }
}
