package com.waqup.archfixture.clean.billing;

import com.waqup.archfixture.clean.config.ShopProperties;

/** billing's public service. */
public class Invoices {

    private final ShopProperties properties;

    public Invoices(ShopProperties properties) {
        this.properties = properties;
    }

    public int invoice(int items) {
        return Math.min(items, properties.maxItems());
    }
}
