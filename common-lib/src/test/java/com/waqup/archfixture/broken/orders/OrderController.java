package com.waqup.archfixture.broken.orders;

import com.waqup.archfixture.broken.billing.Invoices;
import org.springframework.web.bind.annotation.RestController;

/** Deliberately given another capability's service. */
@RestController
public class OrderController {

    private final Invoices invoices;

    public OrderController(Invoices invoices) {
        this.invoices = invoices;
    }

    public int order(Orders orders) {
        return invoices.invoice(orders);
    }
}
