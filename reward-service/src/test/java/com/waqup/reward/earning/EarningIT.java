package com.waqup.reward.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import com.waqup.reward.RewardITSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The token rules on the real RabbitMQ and PostgreSQL, fed with the producers' golden events: purchases and renewals
 * earn 70 % of the amount (1 token per cent), refunds reverse in proportion and in any order, practices by someone
 * else earn 5 tokens capped at 3 per practitioner, pack and day, self-purchases and self-plays earn nothing.
 */
class EarningIT extends RewardITSupport {

    @Test
    void shouldEarnTheCreatorsShareOfAPurchaseOncePerPayment() {
        UUID creator = creator();
        UUID pack = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        UUID eventId = purchase(payment, UUID.randomUUID(), creator, pack, 999);
        purchase(payment, UUID.randomUUID(), creator, pack, 999); // the same payment reported again
        assertThat(available(creator)).isEqualTo(699);

        JsonNode history = ok(Http.get(url("/api/v1/rewards/history"), "Authorization", asCreator(creator)));
        JsonNode entry = history.path("entries").get(0);
        assertThat(history.path("entries")).hasSize(1);
        assertThat(entry.path("type").asString()).isEqualTo("purchase");
        assertThat(entry.path("amount").asLong()).isEqualTo(699);
        assertThat(entry.path("source_event").path("type").asString()).isEqualTo("payment.succeeded");
        assertThat(entry.path("source_event").path("id").asString()).isEqualTo(eventId.toString());
        assertThat(entry.path("pack_id").asString()).isEqualTo(pack.toString());
        assertThat(history.path("pagination").path("total").asInt()).isEqualTo(1);
        JsonNode balance = ok(Http.get(url("/api/v1/rewards/balance"), "Authorization", asCreator(creator)));
        assertThat(balance.path("balance").asLong()).isEqualTo(699);
        assertThat(balance.path("total_earned").asLong()).isEqualTo(699);
    }

    @Test
    void shouldEarnNothingForSelfPurchasesFreeClaimsOrCreditPacks() {
        UUID creator = creator();
        UUID pack = UUID.randomUUID();
        purchase(UUID.randomUUID(), creator, creator, pack, 999);
        purchase(UUID.randomUUID(), UUID.randomUUID(), creator, pack, 0);
        deliver("payment.succeeded", golden("payment.succeeded", with("payment_id", UUID.randomUUID(), "kind", "credit_pack",
                "creator_id", creator, "amount_minor", 1000, "credit_pack", "seeker", "credits", 10)));
        assertThat(available(creator)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from token_entry where creator_id = ?", Integer.class, creator)).isZero();
    }

    @Test
    void shouldEarnRenewalsLikePurchases() {
        UUID creator = creator();
        UUID pack = UUID.randomUUID();
        UUID subscription = UUID.randomUUID();
        UUID renewalPayment = UUID.randomUUID();
        deliver("subscription.renewed", golden("subscription.renewed", with("subscription_id", subscription, "payment_id",
                renewalPayment, "user_id", UUID.randomUUID(), "creator_id", creator, "pack_id", pack, "amount_minor", 499)));
        assertThat(available(creator)).isEqualTo(349);
        assertThat(jdbc.queryForObject("select type from token_entry where creator_id = ?", String.class, creator))
                .isEqualTo("renewal");
    }

    @Test
    void shouldReverseWhatARefundedPurchaseEarnedInProportion() {
        UUID creator = creator();
        UUID pack = UUID.randomUUID();
        UUID buyer = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        purchase(payment, buyer, creator, pack, 1000); // 700 tokens
        UUID partial = UUID.randomUUID();
        UUID refundEvent = refund(payment, partial, buyer, creator, pack, 1000, 250); // a quarter: 175
        refund(payment, partial, buyer, creator, pack, 1000, 250); // the same refund reported again
        assertThat(available(creator)).isEqualTo(525);
        refund(payment, UUID.randomUUID(), buyer, creator, pack, 1000, 750); // the rest
        assertThat(available(creator)).isZero();
        JsonNode history = ok(Http.get(url("/api/v1/rewards/history?limit=1&page=3"), "Authorization", asCreator(creator)));
        assertThat(history.path("entries").get(0).path("type").asString()).as("the oldest on the last page").isEqualTo("purchase");
        JsonNode first = ok(Http.get(url("/api/v1/rewards/history?limit=2"), "Authorization", asCreator(creator)));
        assertThat(first.path("pagination").path("has_next").asBoolean()).isTrue();
        assertThat(first.path("entries").get(1).path("amount").asLong()).isEqualTo(-175);
        assertThat(first.path("entries").get(1).path("source_event").path("id").asString()).isEqualTo(refundEvent.toString());
    }

    @Test
    void shouldApplyARefundThatArrivesBeforeItsPurchase() {
        UUID creator = creator();
        UUID pack = UUID.randomUUID();
        UUID buyer = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        refund(payment, UUID.randomUUID(), buyer, creator, pack, 999, 999);
        assertThat(available(creator)).isZero();
        purchase(payment, buyer, creator, pack, 999);
        assertThat(available(creator)).isZero();
        assertThat(jdbc.queryForList("select amount from token_entry where creator_id = ? order by amount desc", Long.class,
                creator)).containsExactly(699L, -699L);
    }

    @Test
    void shouldNeverTakeBackMoreThanIsAvailable() {
        UUID creator = creator();
        UUID pack = UUID.randomUUID();
        UUID buyer = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        purchase(payment, buyer, creator, pack, 200_000); // 140000 tokens
        Http.Response payout = Http.post(url("/api/v1/rewards/payouts"), "{\"amount\":139000}", "Content-Type",
                "application/json", "Authorization", asCreator(creator));
        assertThat(payout.status()).as(payout.body()).isEqualTo(201);
        refund(payment, UUID.randomUUID(), buyer, creator, pack, 200_000, 200_000);
        assertThat(available(creator)).isZero();
        assertThat(jdbc.queryForMap("select reversed, unrecovered from purchase_reward where payment_id = ?", payment))
                .containsEntry("reversed", 140_000L).containsEntry("unrecovered", 139_000L);
    }

    @Test
    void shouldRewardPracticeBySomeoneElseCappedPerPractitionerPackAndDay() {
        UUID creator = creator();
        UUID pack = UUID.randomUUID();
        packPublished(pack, creator);
        UUID practitioner = UUID.randomUUID();
        Instant today = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 4; i++) {
            practice(practitioner, pack, today);
        }
        assertThat(available(creator)).as("3 of 4 rewarded").isEqualTo(15);
        practice(practitioner, pack, today.minus(2, ChronoUnit.DAYS));
        practice(UUID.randomUUID(), pack, today);
        assertThat(available(creator)).as("another day, another practitioner").isEqualTo(25);
        practice(creator, pack, today);
        assertThat(available(creator)).as("the creator's own plays earn nothing").isEqualTo(25);
        practice(practitioner, null, today);
        assertThat(jdbc.queryForList("select status from practice_reward where user_id = ? and pack_id = ? order by created_at",
                String.class, practitioner, pack)).containsExactly("rewarded", "rewarded", "rewarded", "capped", "rewarded");
    }

    @Test
    void shouldRewardAPracticeThatArrivesBeforeItsPack() {
        UUID creator = creator();
        UUID pack = UUID.randomUUID();
        practice(UUID.randomUUID(), pack, Instant.now());
        assertThat(available(creator)).isZero();
        packPublished(pack, creator);
        assertThat(available(creator)).isEqualTo(5);
    }

    @Test
    void shouldPublishWhatACreatorEarnedAndLost() {
        UUID creator = creator();
        UUID pack = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        try (EventProbe earned = EventProbe.listen(rabbit, amqp, "reward.earned")) {
            purchase(payment, UUID.randomUUID(), creator, pack, 999);
            JsonNode e = earned.await(x -> x.path("data").path("creator_id").asString().equals(creator.toString()), Duration.ofSeconds(20));
            assertThat(e.path("data").path("tokens").asLong()).isEqualTo(699);
            assertThat(e.path("data").path("pack_id").asString()).isEqualTo(pack.toString());
            assertThat(e.path("data").path("source").asString()).isEqualTo("purchase");
            refund(payment, UUID.randomUUID(), UUID.randomUUID(), creator, pack, 999, 999);
            JsonNode r = earned.await(x -> x.path("data").path("creator_id").asString().equals(creator.toString())
                    && x.path("data").path("tokens").asLong() < 0, Duration.ofSeconds(20));
            assertThat(r.path("data").path("tokens").asLong()).isEqualTo(-699);
            assertThat(r.path("data").path("source").asString()).isEqualTo("refund");
        }
    }

    @Test
    void shouldKeepRewardsToCreators() {
        UUID user = UUID.randomUUID();
        Http.Response r = Http.get(url("/api/v1/rewards/balance"), "Authorization", bearer(TestTokens.shared().user(user)));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().path("error").path("code").asString()).isEqualTo("CREATOR_ROLE_REQUIRED");
        assertThat(Http.get(url("/api/v1/rewards/history"), "Authorization", bearer(TestTokens.shared().user(user))).status())
                .isEqualTo(403);
        assertThat(Http.get(url("/api/v1/rewards/balance")).status()).isEqualTo(401);
        assertThat(Http.get(url("/api/v1/rewards/history?limit=0"), "Authorization", asCreator(UUID.randomUUID())).status())
                .isEqualTo(400);
        JsonNode empty = ok(Http.get(url("/api/v1/rewards/balance"), "Authorization", asCreator(UUID.randomUUID())));
        assertThat(empty.path("balance").asLong()).isZero();
    }
}
