package com.waqup.payment.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.stripe.StripeClient;
import com.waqup.common.error.DomainException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Stripe adapter (stripe-java) against a WireMock answering with Stripe's documented Checkout Session shapes. */
class StripeCheckoutProviderTest {

    static WireMockServer stripe;
    StripeCheckoutProvider provider;

    @BeforeAll
    static void start() {
        stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
    }

    @AfterAll
    static void stop() {
        stripe.stop();
    }

    @BeforeEach
    void reset() {
        stripe.resetAll();
        provider = new StripeCheckoutProvider(StripeClient.builder().setApiKey("sk_test_waqup").setApiBase(stripe.baseUrl())
                .setMaxNetworkRetries(0).build());
    }

    /** Stripe's documented answer to POST /v1/checkout/sessions (abridged to the fields stripe-java reads). */
    static String session(String id, String mode) {
        return """
                {"id": "%s", "object": "checkout.session", "amount_subtotal": 999, "amount_total": 999,
                 "cancel_url": "http://127.0.0.1:8080/?checkout=cancel", "client_reference_id": null, "created": 1764324000,
                 "currency": "usd", "customer": null, "expires_at": 1764410400, "livemode": false,
                 "metadata": {"kind": "pack"}, "mode": "%s", "payment_intent": null, "payment_status": "unpaid",
                 "status": "open", "subscription": null, "success_url": "http://127.0.0.1:8080/?checkout=success",
                 "url": "https://checkout.stripe.com/c/pay/%s#fidkdWxOYHwnPyd1blpxYHZxWjA0"}
                """.formatted(id, mode, id);
    }

    static String form(String body) {
        return URLDecoder.decode(body, StandardCharsets.UTF_8);
    }

    @Test
    void shouldCreateAPaymentModeSessionWithInlinePriceMetadataAndTheIdempotencyKey() {
        stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Request-Id", "req_123")
                .withBody(session("cs_test_a1b2c3", "payment"))));
        UUID user = UUID.randomUUID();
        UUID pack = UUID.randomUUID();

        CheckoutProvider.ProviderSession s = provider.create(new CheckoutProvider.SessionRequest("pack", user, pack, null,
                "Deep Sleep", null, 999, "usd", "http://127.0.0.1:8080/ok", "http://127.0.0.1:8080/no", "waqup-checkout-k1"));

        assertThat(s.id()).isEqualTo("cs_test_a1b2c3");
        assertThat(s.url()).startsWith("https://checkout.stripe.com/c/pay/cs_test_a1b2c3");
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withHeader("Authorization", equalTo("Bearer sk_test_waqup"))
                .withHeader("Idempotency-Key", equalTo("waqup-checkout-k1"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded")));
        String body = form(stripe.getAllServeEvents().getFirst().getRequest().getBodyAsString());
        assertThat(body).contains("mode=payment", "success_url=http://127.0.0.1:8080/ok", "cancel_url=http://127.0.0.1:8080/no",
                "line_items[0][quantity]=1", "line_items[0][price_data][unit_amount]=999",
                "line_items[0][price_data][currency]=usd", "line_items[0][price_data][product_data][name]=Deep Sleep",
                "metadata[user_id]=" + user, "metadata[pack_id]=" + pack, "metadata[kind]=pack");
        assertThat(body).doesNotContain("recurring", "subscription_data");
    }

    @Test
    void shouldCreateASubscriptionModeSessionWithThePacksInterval() {
        stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(session("cs_test_sub1", "subscription"))));
        UUID user = UUID.randomUUID();
        UUID pack = UUID.randomUUID();

        provider.create(new CheckoutProvider.SessionRequest("pack", user, pack, null, "Sleep Club", "year", 4999, "usd",
                "http://127.0.0.1:8080/ok", "http://127.0.0.1:8080/no", "waqup-checkout-k2"));

        String body = form(stripe.getAllServeEvents().getFirst().getRequest().getBodyAsString());
        assertThat(body).contains("mode=subscription", "line_items[0][price_data][recurring][interval]=year",
                "line_items[0][price_data][unit_amount]=4999", "subscription_data[metadata][pack_id]=" + pack,
                "subscription_data[metadata][user_id]=" + user);
    }

    @Test
    void shouldSellCreditPacksWithTheirNameInTheMetadata() {
        stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(session("cs_test_cr1", "payment"))));
        provider.create(new CheckoutProvider.SessionRequest("credit_pack", UUID.randomUUID(), null, "seeker",
                "10 waQup credits (seeker)", null, 1299, "eur", "http://127.0.0.1:8080/ok", "http://127.0.0.1:8080/no", "k3"));
        String body = form(stripe.getAllServeEvents().getFirst().getRequest().getBodyAsString());
        assertThat(body).contains("metadata[credit_pack]=seeker", "metadata[kind]=credit_pack", "mode=payment")
                .doesNotContain("metadata[pack_id]");
    }

    @Test
    void shouldAnswerUnavailableWhenStripeRefuses() {
        stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"code": "parameter_invalid_integer", "message": "Invalid integer: -1",
                         "param": "line_items[0][price_data][unit_amount]", "type": "invalid_request_error"}}""")));
        assertThatThrownBy(() -> provider.create(new CheckoutProvider.SessionRequest("pack", UUID.randomUUID(),
                UUID.randomUUID(), null, "x", null, 999, "usd", "http://a/ok", "http://a/no", "k4")))
                .isInstanceOf(DomainException.class).hasMessageContaining("payment provider");
    }
}
