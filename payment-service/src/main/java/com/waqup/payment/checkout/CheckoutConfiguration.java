package com.waqup.payment.checkout;

import com.stripe.StripeClient;
import com.waqup.payment.config.PaymentProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Checkout provider {@link PaymentMode} chose: Stripe, or the sandbox (which also stands in when paid checkout is off). */
@Configuration(proxyBeanMethods = false)
class CheckoutConfiguration {

    @Bean
    CheckoutProvider checkoutProvider(PaymentMode mode, PaymentProperties properties) {
        if (mode.provider().equals("stripe")) {
            PaymentProperties.Stripe stripe = properties.stripe();
            return new StripeCheckoutProvider(StripeClient.builder().setApiKey(stripe.apiKey())
                    .setApiBase(stripe.apiBase()).setConnectTimeout(5_000).setReadTimeout(20_000)
                    .setMaxNetworkRetries(2).build());
        }
        return new SandboxCheckoutProvider(properties);
    }
}
