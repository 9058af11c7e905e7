package com.waqup.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.waqup.payment.config.PaymentProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Who takes the money, and the sandbox never beside a Stripe key nor in production. */
class PaymentModeTest {

    static PaymentProperties properties(String sandbox, String key, String secret) {
        return new PaymentProperties(URI.create("http://127.0.0.1:8080"), List.of(), sandbox, "whsec_sandbox",
                4, Duration.ofMinutes(5), "pepper",
                new PaymentProperties.Stripe(key, secret, "https://api.stripe.com", Duration.ofSeconds(300)), Map.of());
    }

    static MockEnvironment env(String... profiles) {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles(profiles);
        return env;
    }

    @Test
    void shouldUseTheSandboxByDefaultWhenNoStripeKeyIsSet() {
        PaymentMode mode = new PaymentMode(properties("auto", "", ""), env());
        assertThat(mode.provider()).isEqualTo("sandbox");
        assertThat(mode.webhookSecret()).isEqualTo("whsec_sandbox");
        assertThat(mode.paidCheckout()).isTrue();
    }

    @Test
    void shouldUseStripeWheneverAKeyIsSetAndNeverTheSandbox() {
        PaymentMode mode = new PaymentMode(properties("auto", "sk_test_1", "whsec_real"), env());
        assertThat(mode.provider()).isEqualTo("stripe");
        assertThat(mode.sandbox()).isFalse();
        assertThat(mode.webhookSecret()).isEqualTo("whsec_real");
        assertThatThrownBy(() -> new PaymentMode(properties("on", "sk_test_1", "whsec_real"), env()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("STRIPE_API_KEY");
    }

    @Test
    void shouldRefuseToStartWithTheSandboxInProduction() {
        assertThatThrownBy(() -> new PaymentMode(properties("on", "", ""), env("production")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("production");
        PaymentMode auto = new PaymentMode(properties("auto", "", ""), env("production"));
        assertThat(auto.provider()).as("production without a key sells nothing rather than faking").isEqualTo("off");
        assertThat(auto.paidCheckout()).isFalse();
    }

    @Test
    void shouldRefuseAStripeKeyWithoutAWebhookSecretAndUnknownSandboxValues() {
        assertThatThrownBy(() -> new PaymentMode(properties("auto", "sk_test_1", ""), env()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("STRIPE_WEBHOOK_SECRET");
        assertThatThrownBy(() -> new PaymentMode(properties("maybe", "", ""), env())).isInstanceOf(IllegalStateException.class);
    }
}
