package com.waqup.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.waqup.common.test.EventContracts;
import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Paid checkout against the real service, database and broker with the offline sandbox (the default without a Stripe
 * key): sessions, the sandbox page and its Pay/Cancel, redirect allow-list, 409s, credit packs, subscriptions,
 * operator renew/cancel/refund, purchase history.
 */
class PaidCheckoutIT extends PaymentITSupport {

    static List<JsonNode> of(EventProbe probe, String field, String value) {
        return probe.all(Duration.ofMillis(500)).stream().filter(e -> e.path("data").path(field).asString().equals(value)).toList();
    }

    @Test
    void shouldGrantAPaidPackOnlyAfterTheSandboxsSignedWebhookAndRedirectToTheSuccessUrl() {
        EventProbe succeeded = EventProbe.listen(rabbit, amqp, "payment.succeeded");
        UUID creator = UUID.randomUUID();
        UUID pack = pack(creator, "one_time", 999, "Sleep <b>well</b> & \"deep\"");
        UUID buyer = UUID.randomUUID();

        Http.Response opened = checkout(buyer, pack, "one_time");
        assertThat(opened.status()).as(opened.body()).isEqualTo(200);
        String session = opened.json().path("session_id").asString();
        assertThat(session).startsWith("cs_test_");
        assertThat(opened.json().path("checkout_url").asString()).isEqualTo("http://127.0.0.1:8080/sandbox/checkout/" + session);
        assertThat(opened.json().path("access_granted").asBoolean()).isFalse();
        assertThat(count("select count(*) from payment where user_id = ?", buyer)).as("nothing granted before paying").isZero();

        Http.Response page = Http.get(url("/sandbox/checkout/" + session));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").doesNotContain("unsafe-inline");
        assertThat(page.body()).contains("Sleep &lt;b&gt;well&lt;/b&gt; &amp; &quot;deep&quot;", "9.99 USD",
                "action=\"/sandbox/checkout/" + session + "/pay\"", "name=\"card_number\"")
                .doesNotContain("<b>well</b>", "<script");

        Http.Response paid = pay(session);
        assertThat(paid.status()).isEqualTo(303);
        assertThat(paid.header("Location")).isEqualTo("http://127.0.0.1:8080/paid?session=" + session);

        JsonNode event = succeeded.await(e -> e.path("data").path("user_id").asString().equals(buyer.toString()), Duration.ofSeconds(20));
        JsonNode data = event.path("data");
        assertThat(CheckoutIT.names(data)).isEqualTo(CheckoutIT.names(EventContracts.golden("payment.succeeded")));
        assertThat(data.path("kind").asString()).isEqualTo("pack");
        assertThat(data.path("pack_id").asString()).isEqualTo(pack.toString());
        assertThat(data.path("creator_id").asString()).isEqualTo(creator.toString());
        assertThat(data.path("amount_minor").asLong()).isEqualTo(999);
        assertThat(data.path("provider").asString()).isEqualTo("sandbox");
        assertThat(data.path("provider_reference").asString()).isEqualTo(session);
        assertThat(data.path("price_type").asString()).isEqualTo("one_time");

        assertThat(pay(session).status()).as("paying again only redirects").isEqualTo(303);
        assertThat(of(succeeded, "user_id", buyer.toString())).as("one payment.succeeded").hasSize(1);
        assertThat(count("select count(*) from payment where user_id = ?", buyer)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from checkout_session where id = ?", String.class, session)).isEqualTo("completed");

        Http.Response again = checkout(buyer, pack, "one_time");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").path("code").asString()).isEqualTo("ALREADY_OWNED");
        succeeded.close();
    }

    @Test
    void shouldRefuseBuyingOnesOwnPackAndRedirectsOutsideTheAllowList() {
        UUID creator = UUID.randomUUID();
        UUID pack = pack(creator, "one_time", 500, "Mine");
        Http.Response own = checkout(creator, pack, "one_time");
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.json().path("error").path("code").asString()).isEqualTo("OWN_PACK");

        UUID buyer = UUID.randomUUID();
        for (String[] bad : new String[][] { { "https://evil.example/steal", CANCEL }, { SUCCESS, "javascript:alert(1)" },
                { "//evil.example/x", CANCEL }, { "http://127.0.0.1:8080@evil.example/", CANCEL },
                { "http://127.0.0.1:9999/other-port", CANCEL } }) {
            Http.Response r = post(buyer, "/api/v1/payments/checkout", """
                    {"pack_id": "%s", "price_type": "one_time", "success_url": "%s", "cancel_url": "%s"}"""
                    .formatted(pack, bad[0], bad[1]));
            assertThat(r.status()).as(bad[0] + " / " + bad[1]).isEqualTo(400);
            assertThat(r.json().path("error").path("details").path("fields").has(bad[0].equals(SUCCESS) ? "cancel_url" : "success_url"))
                    .as(r.body()).isTrue();
        }
        Http.Response credits = post(buyer, "/api/v1/credits/purchase", """
                {"pack_type": "seeker", "success_url": "https://evil.example/", "cancel_url": "%s"}""".formatted(CANCEL));
        assertThat(credits.status()).isEqualTo(400);
        assertThat(count("select count(*) from checkout_session where user_id = ?", buyer)).as("no session opened").isZero();
    }

    @Test
    void shouldSellACreditPackThroughTheSandboxWithTheSeedsAnswer() {
        EventProbe succeeded = EventProbe.listen(rabbit, amqp, "payment.succeeded");
        UUID buyer = UUID.randomUUID();
        Http.Response r = post(buyer, "/api/v1/credits/purchase", """
                {"pack_type": "seeker", "success_url": "%s", "cancel_url": "%s"}""".formatted(SUCCESS, CANCEL));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("credits_amount").asInt()).isEqualTo(10);
        String session = r.json().path("session_id").asString();
        assertThat(r.json().path("checkout_url").asString()).endsWith("/sandbox/checkout/" + session);
        assertThat(Http.get(url("/sandbox/checkout/" + session)).body()).contains("12.99 EUR");

        Http.Response paid = pay(session);
        assertThat(paid.status()).isEqualTo(303);
        JsonNode data = succeeded.await(e -> e.path("data").path("user_id").asString().equals(buyer.toString()),
                Duration.ofSeconds(20)).path("data");
        assertThat(data.path("kind").asString()).isEqualTo("credit_pack");
        assertThat(data.path("credit_pack").asString()).isEqualTo("seeker");
        assertThat(data.path("credits").asInt()).isEqualTo(10);
        assertThat(data.path("amount_minor").asLong()).isEqualTo(1299);
        assertThat(data.path("currency").asString()).isEqualTo("eur");
        assertThat(data.path("pack_id").isNull()).isTrue();

        Http.Response unknown = post(buyer, "/api/v1/credits/purchase", "{\"pack_type\": \"mega\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").path("details").path("fields").has("pack_type")).isTrue();
        succeeded.close();
    }

    @Test
    void shouldExpireTheSessionOnCancelAndGrantNothing() {
        UUID pack = pack(UUID.randomUUID(), "one_time", 700, "Calm");
        UUID buyer = UUID.randomUUID();
        String session = session(buyer, pack, "one_time");
        Http.Response canceled = Http.post(url("/sandbox/checkout/" + session + "/cancel"), "",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(canceled.status()).isEqualTo(303);
        assertThat(canceled.header("Location")).isEqualTo(CANCEL);
        await().atMost(Duration.ofSeconds(10)).until(() -> "expired".equals(
                jdbc.queryForObject("select status from checkout_session where id = ?", String.class, session)));
        assertThat(pay(session).header("Location")).as("an expired session cannot be paid").isEqualTo(CANCEL);
        assertThat(count("select count(*) from payment where user_id = ?", buyer)).isZero();
        assertThat(Http.get(url("/sandbox/checkout/" + session)).body()).contains("This checkout is expired");
    }

    @Test
    void shouldShowADeclinedTestCardAndGrantNothing() {
        UUID pack = pack(UUID.randomUUID(), "one_time", 700, "Calm");
        UUID buyer = UUID.randomUUID();
        String session = session(buyer, pack, "one_time");
        Http.Response declined = Http.post(url("/sandbox/checkout/" + session + "/pay"), "card_number=4000000000000002",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(declined.status()).as("the page again, with the reason").isEqualTo(200);
        assertThat(declined.body()).contains("declined", "role=\"alert\"", "action=\"/sandbox/checkout/" + session + "/pay\"");
        assertThat(count("select count(*) from payment where user_id = ?", buyer)).isZero();
        assertThat(Http.get(url("/sandbox/checkout/unknown")).status()).isEqualTo(404);
    }

    @Test
    void shouldRunASubscriptionThroughRenewalCancelAndRefundWithOneEventEach() {
        EventProbe probe = EventProbe.listen(rabbit, amqp, "payment.succeeded", "subscription.renewed",
                "subscription.ended", "payment.refunded");
        UUID creator = UUID.randomUUID();
        UUID pack = pack(creator, "subscription", 499, "Sleep Club");
        UUID buyer = UUID.randomUUID();
        String session = session(buyer, pack, "subscription");
        assertThat(Http.get(url("/sandbox/checkout/" + session)).body()).contains("4.99 USD / month");
        assertThat(pay(session).status()).isEqualTo(303);

        JsonNode first = probe.await(e -> e.path("type").asString().equals("payment.succeeded")
                && e.path("data").path("user_id").asString().equals(buyer.toString()), Duration.ofSeconds(20)).path("data");
        assertThat(first.path("price_type").asString()).isEqualTo("subscription");
        String subscription = first.path("subscription_id").asString();
        assertThat(subscription).isNotBlank();
        Instant periodEnd = Instant.parse(first.path("period_end").asString());
        assertThat(periodEnd).isAfter(Instant.now().plus(Duration.ofDays(27)));
        // the sandbox also sends the first invoice (billing_reason subscription_create): it must not count twice
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from webhook_event where type = 'invoice.paid'"
                + " and handled_at is not null and payload like ?", "%subscription_create%") > 0
                && jdbc.queryForObject("select provider_payment_intent from payment where user_id = ?", String.class, buyer) != null);
        assertThat(count("select count(*) from payment where user_id = ?", buyer)).isEqualTo(1);
        assertThat(checkout(buyer, pack, "subscription").json().path("error").path("code").asString()).isEqualTo("ALREADY_OWNED");

        String admin = TestTokens.shared().user(UUID.randomUUID(), "admin");
        Http.Response notAdmin = post(buyer, "/api/v1/admin/payments/sandbox/subscriptions/" + subscription + "/renew", "");
        assertThat(notAdmin.status()).isEqualTo(403);
        Http.Response renewed = Http.post(url("/api/v1/admin/payments/sandbox/subscriptions/" + subscription + "/renew"), "",
                "Authorization", bearer(admin));
        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        JsonNode renewal = probe.await(e -> e.path("type").asString().equals("subscription.renewed")
                && e.path("data").path("subscription_id").asString().equals(subscription), Duration.ofSeconds(20)).path("data");
        assertThat(CheckoutIT.names(renewal)).isEqualTo(CheckoutIT.names(EventContracts.golden("subscription.renewed")));
        assertThat(Instant.parse(renewal.path("period_start").asString())).isEqualTo(periodEnd);
        Instant renewedEnd = Instant.parse(renewal.path("period_end").asString());
        assertThat(renewedEnd).isAfter(periodEnd.plus(Duration.ofDays(27)));
        assertThat(renewal.path("amount_minor").asLong()).isEqualTo(499);

        Http.Response canceled = Http.post(url("/api/v1/admin/payments/sandbox/subscriptions/" + subscription + "/cancel"), "",
                "Authorization", bearer(admin));
        assertThat(canceled.status()).isEqualTo(200);
        JsonNode ended = probe.await(e -> e.path("type").asString().equals("subscription.ended")
                && e.path("data").path("subscription_id").asString().equals(subscription), Duration.ofSeconds(20)).path("data");
        assertThat(CheckoutIT.names(ended)).isEqualTo(CheckoutIT.names(EventContracts.golden("subscription.ended")));
        assertThat(Instant.parse(ended.path("access_until").asString())).as("access to the end of the paid period").isEqualTo(renewedEnd);
        assertThat(ended.path("reason").asString()).isEqualTo("canceled");
        assertThat(Http.post(url("/api/v1/admin/payments/sandbox/subscriptions/" + subscription + "/cancel"), "",
                "Authorization", bearer(admin)).status()).isEqualTo(409);

        String firstPayment = first.path("payment_id").asString();
        Http.Response refund = Http.post(url("/api/v1/admin/payments/sandbox/payments/" + firstPayment + "/refund"),
                "{\"amount_minor\": 200}", "Authorization", bearer(admin), "Content-Type", "application/json");
        assertThat(refund.status()).as(refund.body()).isEqualTo(200);
        JsonNode refunded = probe.await(e -> e.path("type").asString().equals("payment.refunded")
                && e.path("data").path("payment_id").asString().equals(firstPayment), Duration.ofSeconds(20)).path("data");
        assertThat(CheckoutIT.names(refunded)).isEqualTo(CheckoutIT.names(EventContracts.golden("payment.refunded")));
        assertThat(refunded.path("refunded_minor").asLong()).isEqualTo(200);
        assertThat(refunded.path("amount_minor").asLong()).isEqualTo(499);
        assertThat(refunded.path("subscription_id").asString()).isEqualTo(subscription);
        Http.Response tooMuch = Http.post(url("/api/v1/admin/payments/sandbox/payments/" + firstPayment + "/refund"),
                "{\"amount_minor\": 300}", "Authorization", bearer(admin), "Content-Type", "application/json");
        assertThat(tooMuch.status()).as("only 299 are left").isEqualTo(400);
        probe.close();
    }

    @Test
    void shouldListPurchasesNewestFirstWithTheSeedsPaginationAndRefunds() {
        EventProbe refunds = EventProbe.listen(rabbit, amqp, "payment.refunded");
        UUID buyer = UUID.randomUUID();
        for (String type : List.of("starter", "seeker", "architect")) {
            Http.Response r = post(buyer, "/api/v1/credits/purchase", "{\"pack_type\": \"" + type + "\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(pay(r.json().path("session_id").asString()).status()).isEqualTo(303);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from payment where user_id = ?", buyer) == 3);
        String token = bearer(TestTokens.shared().user(buyer));
        Http.Response page1 = Http.get(url("/api/v1/payments/purchases?page=1&limit=2"), "Authorization", token);
        assertThat(page1.status()).isEqualTo(200);
        JsonNode p = page1.json();
        assertThat(p.path("purchases")).hasSize(2);
        assertThat(p.path("pagination").path("total").asInt()).isEqualTo(3);
        assertThat(p.path("pagination").path("has_next").asBoolean()).isTrue();
        JsonNode newest = p.path("purchases").path(0);
        assertThat(newest.path("kind").asString()).isEqualTo("credits");
        assertThat(newest.path("credit_pack").asString()).isEqualTo("architect");
        assertThat(newest.path("amount_minor").asLong()).isEqualTo(2999);
        assertThat(newest.path("amount").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(newest.path("currency").asString()).isEqualTo("eur");
        assertThat(newest.path("status").asString()).isEqualTo("succeeded");
        assertThat(newest.has("created_at")).isTrue();
        assertThat(newest.path("refunded_at").isNull()).isTrue();

        String admin = bearer(TestTokens.shared().user(UUID.randomUUID(), "admin"));
        String starter = Http.get(url("/api/v1/payments/purchases?page=2&limit=2"), "Authorization", token).json()
                .path("purchases").path(0).path("id").asString();
        assertThat(Http.post(url("/api/v1/admin/payments/sandbox/payments/" + starter + "/refund"), "", "Authorization", admin)
                .status()).isEqualTo(200);
        refunds.await(e -> e.path("data").path("payment_id").asString().equals(starter), Duration.ofSeconds(20));
        JsonNode page2 = Http.get(url("/api/v1/payments/purchases?page=2&limit=2"), "Authorization", token).json();
        assertThat(page2.path("purchases")).hasSize(1);
        assertThat(page2.path("pagination").path("has_prev").asBoolean()).isTrue();
        assertThat(page2.path("purchases").path(0).path("status").asString()).isEqualTo("refunded");
        assertThat(page2.path("purchases").path(0).path("refunded_at").isNull()).isFalse();

        JsonNode other = Http.get(url("/api/v1/payments/purchases"), "Authorization", bearer(userToken())).json();
        assertThat(other.path("purchases")).as("someone else sees none of them").isEmpty();
        assertThat(Http.get(url("/api/v1/payments/purchases?limit=1000"), "Authorization", token).status()).isEqualTo(400);
        refunds.close();
    }

    @Test
    void shouldExportPaymentsAndKeepOnlyAmountsAndDatesUnderAHashedIdAfterErasure() {
        UUID buyer = UUID.randomUUID();
        Http.Response r = post(buyer, "/api/v1/credits/purchase", "{\"pack_type\": \"starter\"}");
        pay(r.json().path("session_id").asString());
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from payment where user_id = ?", buyer) == 1);
        CheckoutService service = checkoutService;
        assertThat(service.paymentsOf(buyer)).singleElement().satisfies(p -> {
            assertThat(p.amountMinor()).isEqualTo(499);
            assertThat(p.creditPack()).isEqualTo("starter");
        });
        service.erase(buyer);
        assertThat(count("select count(*) from payment where user_id = ?", buyer)).isZero();
        assertThat(count("select count(*) from checkout_session where user_id = ?", buyer)).isZero();
        String hash = service.personHash(buyer);
        assertThat(hash).doesNotContain(buyer.toString()).hasSize(64);
        assertThat(count("select count(*) from payment where person_hash = ? and amount_minor = 499 and created_at is not null", hash))
                .as("the accounts keep the amount and date").isEqualTo(1);
        assertThat(count("select count(*) from webhook_event where payload like ?", "%" + buyer + "%")).as("no stored webhook names them").isZero();
        assertThat(service.paymentsOf(buyer)).isEmpty();
    }

    @org.springframework.beans.factory.annotation.Autowired
    CheckoutService checkoutService;
}
