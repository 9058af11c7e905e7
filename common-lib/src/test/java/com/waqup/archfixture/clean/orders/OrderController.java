package com.waqup.archfixture.clean.orders;

import com.waqup.archfixture.clean.config.ShopProperties;
import org.springframework.web.bind.annotation.RestController;

/** Given its own capability's service and the shared settings only. */
@RestController
public class OrderController {

    private final Orders orders;
    private final ShopProperties properties;

    public OrderController(Orders orders, ShopProperties properties) {
        this.orders = orders;
        this.properties = properties;
    }

    public int order(int items) {
        return orders.place(Math.min(items, properties.maxItems()));
    }
}
