package com.waqup.payment.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code waqup.payments} (docs/payments.md).
 *
 * @param publicUrl         the gateway's public URL: sandbox checkout pages are under it and, by default, the only
 *                          origin success/cancel URLs may point to
 * @param redirectOrigins   origins ({@code https://app.example.com}) success/cancel URLs may point to; empty: the
 *                          public URL's origin
 * @param sandbox           {@code auto} (on when no Stripe key is set, never in production), {@code on} (refused
 *                          at start-up with a Stripe key or in production), {@code off}
 * @param sandboxWebhookSecret the secret the sandbox signs its webhooks with (only while the sandbox is on)
 * @param webhookWorkers    how many threads handle stored webhook events at once (each holds one event's row)
 * @param webhookMaxBackoff the longest wait between two attempts at a failing event
 * @param erasurePepper     mixed into the hashed person id erasure leaves on kept payment rows
 * @param creditPacks       the credit packs sold ({@code starter}, {@code seeker}, {@code architect})
 */
@ConfigurationProperties("waqup.payments")
public record PaymentProperties(@DefaultValue("http://127.0.0.1:8080") URI publicUrl,
        @DefaultValue({}) List<String> redirectOrigins, @DefaultValue("auto") String sandbox,
        @DefaultValue("whsec_waqup_local_sandbox") String sandboxWebhookSecret,
        @DefaultValue("1") int webhookWorkers, @DefaultValue("5m") Duration webhookMaxBackoff,
        @DefaultValue("local-dev-pepper") String erasurePepper, @DefaultValue Stripe stripe,
        Map<String, CreditPack> creditPacks) {

    /**
     * @param apiKey        the secret key ({@code sk_...}); empty: no Stripe
     * @param webhookSecret the webhook endpoint's signing secret ({@code whsec_...})
     * @param apiBase       Stripe's API (a WireMock in tests)
     * @param tolerance     how old a signature's timestamp may be
     */
    public record Stripe(@DefaultValue("") String apiKey, @DefaultValue("") String webhookSecret,
            @DefaultValue("https://api.stripe.com") String apiBase, @DefaultValue("300s") Duration tolerance) {
    }

    public record CreditPack(int credits, long priceMinor, String currency) {
    }

    public Map<String, CreditPack> creditPacks() {
        return creditPacks == null ? Map.of() : creditPacks;
    }
}
