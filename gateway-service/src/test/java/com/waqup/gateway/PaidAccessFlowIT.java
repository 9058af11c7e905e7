package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.common.test.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a payment does across the platform, through the gateway with the offline sandbox (docs/rewards.md,
 * docs/credits.md, docs/marketplace.md): credits bought (+10) and spent on a creation; a one-time pack bought, played
 * and refunded (access revoked, the creator's tokens for it reversed, the practice reward kept); a subscription
 * renewed and canceled (access to the end of the paid period, then gone).
 */
class PaidAccessFlowIT extends JourneySupport {

    static final String SUCCESS = "http://127.0.0.1:8080/purchases?ok=1";
    static final String CANCEL = "http://127.0.0.1:8080/purchases?ok=0";

    Http.Response send(String method, String token, String path, String body) {
        return Http.send(method, url(path), body, "Content-Type", "application/json", "Authorization", "Bearer " + token);
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection(TestDatabase.url(), "postgres", "");
    }

    /** An operator: a person given the admin role as `./waqup admin grant-admin` does, signed in again for the role. */
    String operatorToken() throws SQLException {
        Person operator = registerPerson("operator");
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(
                "insert into users.user_role (user_id, role) values (?, 'admin') on conflict do nothing")) {
            s.setObject(1, UUID.fromString(operator.id()));
            s.executeUpdate();
        }
        Http.Response login = Http.post(url("/api/v1/auth/login"), "{\"email\":\"" + operator.email() + "\",\"password\":\""
                + operator.password() + "\"}", "Content-Type", "application/json");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().path("token").asString();
    }

    /** Checks out and follows the sandbox page's Pay (a correctly signed webhook into payment-service). */
    void pay(Http.Response checkout) {
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(200);
        String path = URI.create(checkout.json().path("checkout_url").asString()).getPath();
        Http.Response pay = Http.post(url(path + "/pay"), "card_number=4242+4242+4242+4242", "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(pay.status()).as(pay.body()).isEqualTo(303);
    }

    String publish(String creator, String practice, String title, String pricing) {
        Http.Response created = post(creator, "/api/v1/creators/me/packs", "{\"title\":\"" + title + "\",\"description\":"
                + "\"One calm minute.\"," + pricing + ",\"currency\":\"usd\",\"tags\":[\"calm\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String pack = created.json().path("id").asString();
        assertThat(send("PUT", creator, "/api/v1/creators/me/packs/" + pack + "/items", "{\"content_ids\":[\"" + practice + "\"]}")
                .status()).isEqualTo(200);
        Http.Response published = post(creator, "/api/v1/creators/me/packs/" + pack + "/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return pack;
    }

    Http.Response checkout(Person buyer, String pack, String priceType) {
        String body = "{\"pack_id\":\"" + pack + "\",\"price_type\":\"" + priceType + "\",\"success_url\":\"" + SUCCESS
                + "\",\"cancel_url\":\"" + CANCEL + "\"}";
        return await().atMost(Duration.ofSeconds(20)).until(() -> post(buyer.token(), "/api/v1/payments/checkout", body),
                r -> r.status() != 404);
    }

    long tokens(String creator) {
        return get(creator, "/api/v1/rewards/balance").json().path("balance").asLong();
    }

    JsonNode packItems(Person person, String pack) {
        return get(person.token(), "/api/v1/content?pack_id=" + pack).json().path("content_items");
    }

    boolean hasAccess(Person person, String pack) {
        return get(person.token(), "/api/v1/catalog/packs/" + pack).json().path("user_has_access").asBoolean();
    }

    JsonNode purchase(Person buyer, String pack) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> get(buyer.token(), "/api/v1/payments/purchases").json(),
                p -> p.path("purchases").size() > 0 && pack.equals(p.path("purchases").get(0).path("pack_id").asString()))
                .path("purchases").get(0);
    }

    @Test
    void shouldAddBoughtCreditsAndSpendThemOnACreation() {
        Person buyer = registerPerson("credit-buyer");
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(buyer.token()) == 1);
        pay(post(buyer.token(), "/api/v1/credits/purchase", "{\"pack_type\":\"seeker\",\"success_url\":\"" + SUCCESS
                + "\",\"cancel_url\":\"" + CANCEL + "\"}"));
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(buyer.token()) == 11);
        JsonNode bought = get(buyer.token(), "/api/v1/credits/transactions?transaction_type=purchase").json()
                .path("transactions");
        assertThat(bought).hasSize(1);
        assertThat(bought.get(0).path("amount").asInt()).isEqualTo(10);
        assertThat(bought.get(0).path("pack_id").asString()).isEqualTo("seeker");

        String practice = converseAndConfirm(buyer.token(), "affirmation", "1 minute of affirmations for calm, in the evening at home");
        awaitJob(buyer.token(), practice, "ready");
        assertThat(balance(buyer.token())).as("the creation spent its credit").isEqualTo(10);
    }

    @Test
    void shouldRewardThePacksCreatorAndReverseItWhenAPurchaseIsRefundedAndEndASubscriptionWithItsPaidPeriod()
            throws SQLException {
        Person seller = fundedPerson("rewarded-seller", 1);
        String practice = converseAndConfirm(seller.token(), "affirmation", "1 minute of affirmations for calm, in the evening at home");
        awaitJob(seller.token(), practice, "ready");
        awaitLibraryItem(seller.token(), practice);
        String creator = post(seller.token(), "/api/v1/users/me/creator", "").json().path("token").asString();
        assertThat(send("PUT", creator, "/api/v1/creators/me", "{\"display_name\":\"Rewarded " + seller.id().substring(0, 6)
                + "\",\"bio\":\"Evenings.\"}").status()).isEqualTo(200);
        String oneTime = publish(creator, practice, "Quiet Evenings", "\"price_type\":\"one_time\",\"price_amount\":4.99");
        String monthly = publish(creator, practice, "Monthly Calm", "\"price_type\":\"subscription\",\"price_amount\":2.99,"
                + "\"subscription_interval\":\"monthly\"");
        String operator = operatorToken();
        assertThat(tokens(creator)).isZero();

        // a one-time purchase: access, 70 % of 499 = 349 tokens; a play by the buyer: +5
        Person buyer = registerPerson("rewarded-buyer");
        pay(checkout(buyer, oneTime, "one_time"));
        JsonNode items = await().atMost(Duration.ofSeconds(20)).until(() -> packItems(buyer, oneTime), i -> i.size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> tokens(creator) == 349);
        String item = items.get(0).path("id").asString();
        String started = post(buyer.token(), "/api/v1/content/" + item + "/play", "{\"started_at\":\""
                + Instant.now().minusSeconds(90) + "\"}").json().path("practice_event_id").asString();
        assertThat(post(buyer.token(), "/api/v1/content/" + item + "/complete", "{\"practice_event_id\":\"" + started
                + "\",\"completed_at\":\"" + Instant.now().minusSeconds(30) + "\",\"duration\":60}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> tokens(creator) == 354);

        // refunded: access revoked, the purchase's tokens reversed (the practice reward stays)
        String payment = purchase(buyer, oneTime).path("id").asString();
        Http.Response refund = post(operator, "/api/v1/admin/payments/sandbox/payments/" + payment + "/refund", "");
        assertThat(refund.status()).as(refund.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> packItems(buyer, oneTime).isEmpty());
        assertThat(get(buyer.token(), "/api/v1/content/" + item).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(20)).until(() -> !hasAccess(buyer, oneTime));
        await().atMost(Duration.ofSeconds(20)).until(() -> tokens(creator) == 5);
        JsonNode history = get(creator, "/api/v1/rewards/history").json().path("entries");
        assertThat(history.get(0).path("type").asString()).isEqualTo("refund");
        assertThat(history.get(0).path("amount").asLong()).isEqualTo(-349);
        assertThat(history.get(0).path("source_event").path("type").asString()).isEqualTo("payment.refunded");

        // a subscription: access and 209 tokens; renewed: 209 more; canceled: access to the end of the paid period
        Person subscriber = registerPerson("subscriber");
        pay(checkout(subscriber, monthly, "subscription"));
        await().atMost(Duration.ofSeconds(20)).until(() -> packItems(subscriber, monthly).size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> hasAccess(subscriber, monthly));
        await().atMost(Duration.ofSeconds(20)).until(() -> tokens(creator) == 214);
        String subscription = purchase(subscriber, monthly).path("subscription_id").asString();
        Http.Response renewed = post(operator, "/api/v1/admin/payments/sandbox/subscriptions/" + subscription + "/renew", "");
        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> tokens(creator) == 423);
        Instant renewedUntil = await().atMost(Duration.ofSeconds(20)).until(() -> accessUntil(subscriber, monthly),
                until -> until != null && until.isAfter(Instant.now().plus(Duration.ofDays(40))));
        Instant cancelAt = Instant.now();
        Http.Response canceled = post(operator, "/api/v1/admin/payments/sandbox/subscriptions/" + subscription + "/cancel", "");
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> endedSince(cancelAt));
        assertThat(hasAccess(subscriber, monthly)).as("canceled, still paid").isTrue();
        assertThat(accessUntil(subscriber, monthly)).as("to the end of the renewed period").isEqualTo(renewedUntil);

        // the paid period ends (the clock passes it): the items are gone from the library, playback and access
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(
                "update library.pack_grant set access_until = ? where user_id = ? and pack_id = ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
            s.setObject(2, UUID.fromString(subscriber.id()));
            s.setObject(3, UUID.fromString(monthly));
            s.executeUpdate();
        }
        assertThat(packItems(subscriber, monthly)).isEmpty();
        assertThat(hasAccess(subscriber, monthly)).isFalse();
    }

    /** Whether the library has handled a {@code subscription.ended} since then (its inbox). */
    static boolean endedSince(Instant since) throws SQLException {
        try (Connection c = database(); PreparedStatement s = c.prepareStatement("select count(*) from library.processed_event"
                + " where event_type = 'subscription.ended' and processed_at >= ?")) {
            s.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getInt(1) > 0;
            }
        }
    }

    Instant accessUntil(Person person, String pack) throws SQLException {
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(
                "select access_until from library.pack_grant where user_id = ? and pack_id = ?")) {
            s.setObject(1, UUID.fromString(person.id()));
            s.setObject(2, UUID.fromString(pack));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).toInstant() : null;
            }
        }
    }
}
