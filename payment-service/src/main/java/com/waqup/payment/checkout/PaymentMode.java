package com.waqup.payment.checkout;

import java.util.Arrays;
import java.util.Locale;

import com.waqup.payment.config.PaymentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Who takes the money: Stripe when {@code STRIPE_API_KEY} is set, else the offline sandbox (docs/payments.md), else
 * nobody (paid checkout answers 409 {@code PAID_CHECKOUT_UNAVAILABLE}). The sandbox can never run beside a Stripe key
 * nor in the {@code production} profile: asking for it there stops the service at start-up.
 */
@Component
public class PaymentMode {

    private static final Logger log = LoggerFactory.getLogger(PaymentMode.class);

    private final String provider;
    private final String webhookSecret;

    PaymentMode(PaymentProperties properties, Environment environment) {
        String sandbox = properties.sandbox().strip().toLowerCase(Locale.ROOT);
        if (!sandbox.equals("auto") && !sandbox.equals("on") && !sandbox.equals("off")) {
            throw new IllegalStateException("PAYMENTS_SANDBOX must be auto, on or off, not " + properties.sandbox());
        }
        boolean production = Arrays.asList(environment.getActiveProfiles()).contains("production");
        boolean stripe = !properties.stripe().apiKey().isBlank();
        if (sandbox.equals("on") && (stripe || production)) {
            throw new IllegalStateException("PAYMENTS_SANDBOX=on is refused " + (stripe ? "while STRIPE_API_KEY is set"
                    : "in the production profile") + ": the sandbox takes no money (docs/payments.md)");
        }
        if (stripe) {
            if (properties.stripe().webhookSecret().isBlank()) {
                throw new IllegalStateException("STRIPE_API_KEY is set but STRIPE_WEBHOOK_SECRET is not: webhooks could not be verified");
            }
            provider = "stripe";
            webhookSecret = properties.stripe().webhookSecret();
        } else if (sandbox.equals("on") || (sandbox.equals("auto") && !production)) {
            provider = "sandbox";
            webhookSecret = properties.sandboxWebhookSecret();
        } else {
            provider = "off";
            webhookSecret = properties.stripe().webhookSecret();
        }
        log.info("paid checkout: {}", provider);
    }

    /** {@code stripe}, {@code sandbox} or {@code off}. */
    public String provider() {
        return provider;
    }

    /** Whether a paid checkout can be opened at all. */
    public boolean paidCheckout() {
        return !provider.equals("off");
    }

    public boolean sandbox() {
        return provider.equals("sandbox");
    }

    /** The secret webhooks are verified with (the sandbox's own while it is on). */
    public String webhookSecret() {
        return webhookSecret;
    }
}
