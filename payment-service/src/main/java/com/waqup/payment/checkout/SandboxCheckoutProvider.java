package com.waqup.payment.checkout;

import java.security.SecureRandom;
import java.util.HexFormat;

import com.waqup.payment.config.PaymentProperties;

/** The offline sandbox: a session id like Stripe's and a checkout page served by this service through the gateway. */
class SandboxCheckoutProvider implements CheckoutProvider {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String publicUrl;

    SandboxCheckoutProvider(PaymentProperties properties) {
        String url = properties.publicUrl().toString();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String id(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + "_sbx_" + HexFormat.of().formatHex(bytes);
    }

    @Override
    public ProviderSession create(SessionRequest request) {
        String id = id("cs_test");
        return new ProviderSession(id, publicUrl + "/sandbox/checkout/" + id);
    }
}
