package com.waqup.archfixture.clean.config;

/** Settings every capability may read. */
public record ShopProperties(int maxItems) {
}
