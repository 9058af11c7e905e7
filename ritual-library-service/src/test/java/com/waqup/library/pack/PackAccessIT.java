package com.waqup.library.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import com.waqup.library.LibraryITSupport;
import com.waqup.library.content.ContentService;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Pack access in the library: a creator's item checked and copied into a pack (the internal endpoints
 * creator-service calls), the revision stored from {@code pack.published}, a claim from {@code payment.succeeded}
 * putting the items in the claimer's library, playable and counted, hidden not deleted, kept after archiving.
 */
class PackAccessIT extends LibraryITSupport {

    final String service = bearer(TestTokens.shared().internalApi("ritual-library-service"));

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    Http.Response copy(UUID content, UUID creator, UUID pack, UUID item, int revision) {
        return Http.post(url("/internal/content/" + content + "/pack-copies"), "{\"user_id\":\"" + creator + "\",\"pack_id\":\""
                + pack + "\",\"item_id\":\"" + item + "\",\"revision\":" + revision + "}", "Authorization", service,
                "Content-Type", "application/json");
    }

    /** A creator's published pack of one item, as creator-service would publish it after the copy. */
    record Published(UUID creator, UUID pack, UUID item, String audioKey) {
    }

    Published publishedPack() {
        UUID creator = UUID.randomUUID();
        UUID content = ready(creator);
        UUID pack = UUID.randomUUID();
        UUID item = UUID.randomUUID();
        JsonNode copied = ok(copy(content, creator, pack, item, 1));
        publish(EventEnvelope.of("pack.published", revision(pack, creator, 1, item, copied)));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from pack_item_version where pack_id = ?", Integer.class, pack) == 1);
        return new Published(creator, pack, item, copied.path("audio_key").asString());
    }

    static Map<String, Object> revision(UUID pack, UUID creator, int revision, UUID item, JsonNode copied) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("item_id", item.toString());
        i.put("position", 1);
        i.put("title", copied.path("title").asString());
        i.put("content_type", copied.path("content_type").asString());
        i.put("practice_type", copied.path("practice_type").asString());
        i.put("duration", copied.path("duration").asInt());
        i.put("tags", List.of("sleep"));
        i.put("content_text", copied.path("content_text").asString());
        i.put("audio_key", copied.path("audio_key").asString());
        i.put("audio_format", "mp3");
        i.put("audio_size_bytes", copied.path("audio_size_bytes").asLong());
        i.put("personalizable", false);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("pack_id", pack.toString());
        d.put("revision", revision);
        d.put("creator_id", creator.toString());
        d.put("creator_name", "Sarah Facilitator");
        d.put("title", "Evening Wind-Down");
        d.put("description", "");
        d.put("price_type", "free");
        d.put("price_amount_minor", 0);
        d.put("currency", "usd");
        d.put("subscription_interval", null);
        d.put("tags", List.of("sleep"));
        d.put("cover_url", null);
        d.put("published_at", Instant.now().toString());
        d.put("items", List.of(i));
        return d;
    }

    void claim(UUID user, UUID pack, UUID creator) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("payment_id", UUID.randomUUID().toString());
        d.put("user_id", user.toString());
        d.put("kind", "pack");
        d.put("pack_id", pack.toString());
        d.put("pack_revision", 1);
        d.put("creator_id", creator.toString());
        d.put("credit_pack", null);
        d.put("credits", null);
        d.put("price_type", "free");
        d.put("amount_minor", 0);
        d.put("currency", "usd");
        d.put("provider", "none");
        d.put("provider_reference", null);
        d.put("occurred_at", Instant.now().toString());
        EventEnvelope<Map<String, Object>> event = EventEnvelope.of("payment.succeeded", d);
        publish(event);
        publish(event); // redelivered: granted once
    }

    JsonNode access(UUID pack, UUID user) {
        Http.Response r = Http.get(url("/internal/packs/" + pack + "/access?user_id=" + user), "Authorization", service);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    JsonNode awaitPackItems(UUID user, UUID pack, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> ok(get("/api/v1/content?pack_id=" + pack, user)),
                page -> page.path("content_items").size() == count);
    }

    @Test
    void shouldAnswerWhetherAnItemIsTheCreatorsOwnReadyItem() {
        UUID creator = UUID.randomUUID();
        UUID content = ready(creator);
        Http.Response mine = Http.get(url("/internal/content/" + content + "?user_id=" + creator), "Authorization", service);
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().path("title").asString()).isEqualTo("Evening Calm");
        assertThat(mine.json().path("source").asString()).isEqualTo("own");
        Http.Response foreign = Http.get(url("/internal/content/" + content + "?user_id=" + UUID.randomUUID()),
                "Authorization", service);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().path("error").path("code").asString()).isEqualTo("CONTENT_NOT_FOUND");
        assertThat(Http.get(url("/internal/content/" + content + "?user_id=" + creator), "Authorization", token(creator))
                .status()).as("a user token is not a service's").isEqualTo(403);
    }

    @Test
    void shouldCopyTheAudioIntoAnImmutablePackVersionThatOutlivesTheOriginal() {
        UUID creator = UUID.randomUUID();
        UUID content = ready(creator);
        UUID pack = UUID.randomUUID();
        UUID item = UUID.randomUUID();
        JsonNode copied = ok(copy(content, creator, pack, item, 1));
        String key = "packs/" + pack + "/" + item + "/1.mp3";
        assertThat(copied.path("audio_key").asString()).isEqualTo(key);
        assertThat(copied.path("content_text").asString()).isEqualTo("Find a comfortable position. Breathe in slowly.");
        assertThat(copied.path("audio_size_bytes").asLong()).isEqualTo(mp3().length);
        assertThat(keysUnder("packs/" + pack + "/")).containsExactly(key);

        assertThat(copy(content, UUID.randomUUID(), pack, item, 1).status()).as("someone else's item").isEqualTo(404);
        ok(send("DELETE", "/api/v1/content/" + content, creator, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> keysUnder("audio/" + creator + "/" + content + "/").isEmpty());
        assertThat(keysUnder("packs/" + pack + "/")).as("the pack's copy stays").containsExactly(key);
    }

    @Test
    void shouldPutAClaimedPacksItemsInTheLibraryPlayableCountedAndOnlyHiddenWhenRemoved() throws Exception {
        Queue completed = listen("practice.completed");
        Queue started = listen("practice.started");
        Published p = publishedPack();
        UUID claimer = UUID.randomUUID();
        ready(claimer); // their own item, not in the pack filter
        assertThat(access(p.pack(), claimer).path("has_access").asBoolean()).isFalse();

        claim(claimer, p.pack(), p.creator());
        JsonNode page = awaitPackItems(claimer, p.pack(), 1);
        JsonNode listed = page.path("content_items").get(0);
        assertThat(listed.path("source").asString()).isEqualTo("pack");
        assertThat(listed.path("pack_id").asString()).isEqualTo(p.pack().toString());
        assertThat(ok(get("/api/v1/content", claimer)).path("content_items")).hasSize(2);
        assertThat(jdbc.queryForObject("select count(*) from content_item where user_id = ? and pack_id = ?", Integer.class,
                claimer, p.pack())).as("granted once").isEqualTo(1);

        JsonNode claimerAccess = access(p.pack(), claimer);
        assertThat(claimerAccess.path("has_access").asBoolean()).isTrue();
        assertThat(claimerAccess.path("source").asString()).isEqualTo("claim");
        assertThat(claimerAccess.path("pack_id").asString()).isEqualTo(p.pack().toString());
        assertThat(access(p.pack(), p.creator()).path("source").asString()).isEqualTo("creator");
        assertThat(access(UUID.randomUUID(), claimer).path("has_access").asBoolean()).as("unknown pack").isFalse();

        String id = listed.path("id").asString();
        JsonNode detail = ok(get("/api/v1/content/" + id, claimer));
        assertThat(detail.path("source").asString()).isEqualTo("pack");
        HttpResponse<byte[]> audio = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(detail.path("audio_url").asString())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.body()).isEqualTo(mp3());

        Instant at = Instant.now().minusSeconds(120);
        String event = ok(send("POST", "/api/v1/content/" + id + "/play", claimer, "{\"started_at\":\"" + at + "\"}"))
                .path("practice_event_id").asString();
        ok(send("POST", "/api/v1/content/" + id + "/complete", claimer, "{\"practice_event_id\":\"" + event
                + "\",\"completed_at\":\"" + at.plusSeconds(60) + "\",\"duration\":60}"));
        assertThat(awaitEvent(started, e -> e.path("data").path("practice_event_id").asString().equals(event))
                .path("data").path("pack_id").asString()).isEqualTo(p.pack().toString());
        assertThat(awaitEvent(completed, e -> e.path("data").path("practice_event_id").asString().equals(event))
                .path("data").path("pack_id").asString()).isEqualTo(p.pack().toString());
        assertThat(ok(get("/api/v1/users/me/history", claimer)).path("practice_events").get(0).path("ritual_id").asString())
                .isEqualTo(id);
        assertThat(ok(get("/api/v1/users/me/stats", claimer)).path("total_sessions").asInt()).isEqualTo(1);

        Http.Response share = send("POST", "/api/v1/content/" + id + "/shares", claimer, null);
        assertThat(share.status()).isEqualTo(409);
        assertThat(share.json().path("error").path("code").asString()).isEqualTo("PACK_ITEM_NOT_SHAREABLE");

        ok(send("DELETE", "/api/v1/content/" + id, claimer, null));
        assertThat(ok(get("/api/v1/content?pack_id=" + p.pack(), claimer)).path("content_items")).isEmpty();
        assertThat(get("/api/v1/content/" + id, claimer).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from storage_cleanup where object_key like ?", Integer.class,
                "packs/" + p.pack() + "%")).as("nothing of the pack is queued for deletion").isZero();
        assertThat(keysUnder("packs/" + p.pack() + "/")).containsExactly(p.audioKey());
        assertThat(access(p.pack(), claimer).path("has_access").asBoolean()).as("hiding keeps the access").isTrue();
        amqp.deleteQueue(completed.getName());
        amqp.deleteQueue(started.getName());
    }

    @Test
    void shouldFillTheLibraryWhenTheClaimArrivesBeforeThePacksRevision() {
        UUID creator = UUID.randomUUID();
        UUID content = ready(creator);
        UUID pack = UUID.randomUUID();
        UUID item = UUID.randomUUID();
        UUID claimer = UUID.randomUUID();
        claim(claimer, pack, creator);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from pack_grant where pack_id = ?", Integer.class, pack) == 1);
        publish(EventEnvelope.of("pack.published", revision(pack, creator, 1, item, ok(copy(content, creator, pack, item, 1)))));
        JsonNode page = awaitPackItems(claimer, pack, 1);
        assertThat(page.path("content_items").get(0).path("id").asString())
                .isEqualTo(ContentService.packItemId(claimer, item).toString());
    }

    @Test
    void shouldKeepAnArchivedPackInItsOwnersLibrary() {
        Published p = publishedPack();
        UUID claimer = UUID.randomUUID();
        claim(claimer, p.pack(), p.creator());
        awaitPackItems(claimer, p.pack(), 1);
        Map<String, Object> archived = new LinkedHashMap<>();
        archived.put("pack_id", p.pack().toString());
        archived.put("revision", 1);
        archived.put("creator_id", p.creator().toString());
        archived.put("archived_at", Instant.now().toString());
        publish(EventEnvelope.of("pack.archived", archived));
        await().atMost(Duration.ofSeconds(20)).until(() -> "archived".equals(jdbc.queryForObject(
                "select status from pack where id = ?", String.class, p.pack())));
        assertThat(ok(get("/api/v1/content?pack_id=" + p.pack(), claimer)).path("content_items")).hasSize(1);
        assertThat(access(p.pack(), claimer).path("has_access").asBoolean()).isTrue();
    }

    // ---- paid access: subscriptions and refunds ------------------------------------------------------------------

    EventEnvelope<Map<String, Object>> paid(UUID payment, UUID user, Published p, String priceType, UUID subscription,
            Instant periodEnd) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("payment_id", payment.toString());
        d.put("user_id", user.toString());
        d.put("kind", "pack");
        d.put("pack_id", p.pack().toString());
        d.put("pack_revision", 1);
        d.put("creator_id", p.creator().toString());
        d.put("credit_pack", null);
        d.put("credits", null);
        d.put("price_type", priceType);
        d.put("amount_minor", 999);
        d.put("currency", "usd");
        d.put("provider", "sandbox");
        d.put("provider_reference", "cs_test");
        d.put("occurred_at", Instant.now().toString());
        d.put("subscription_id", subscription == null ? null : subscription.toString());
        d.put("period_end", periodEnd == null ? null : periodEnd.toString());
        return EventEnvelope.of("payment.succeeded", d);
    }

    EventEnvelope<Map<String, Object>> renewed(UUID subscription, UUID user, Published p, Instant periodEnd) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("subscription_id", subscription.toString());
        d.put("payment_id", UUID.randomUUID().toString());
        d.put("user_id", user.toString());
        d.put("pack_id", p.pack().toString());
        d.put("creator_id", p.creator().toString());
        d.put("amount_minor", 499);
        d.put("currency", "usd");
        d.put("period_start", periodEnd.minus(Duration.ofDays(30)).toString());
        d.put("period_end", periodEnd.toString());
        d.put("provider", "sandbox");
        d.put("provider_reference", "in_test");
        d.put("occurred_at", Instant.now().toString());
        return EventEnvelope.of("subscription.renewed", d);
    }

    EventEnvelope<Map<String, Object>> ended(UUID subscription, UUID user, Published p, Instant accessUntil) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("subscription_id", subscription.toString());
        d.put("user_id", user.toString());
        d.put("pack_id", p.pack().toString());
        d.put("creator_id", p.creator().toString());
        d.put("access_until", accessUntil.toString());
        d.put("reason", "canceled");
        d.put("provider", "sandbox");
        d.put("provider_reference", "sub_test");
        d.put("ended_at", Instant.now().toString());
        return EventEnvelope.of("subscription.ended", d);
    }

    EventEnvelope<Map<String, Object>> refunded(UUID payment, UUID user, Published p, UUID subscription) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("payment_id", payment.toString());
        d.put("refund_id", UUID.randomUUID().toString());
        d.put("user_id", user.toString());
        d.put("kind", "pack");
        d.put("pack_id", p.pack().toString());
        d.put("creator_id", p.creator().toString());
        d.put("credit_pack", null);
        d.put("credits", null);
        d.put("subscription_id", subscription == null ? null : subscription.toString());
        d.put("amount_minor", 999);
        d.put("refunded_minor", 999);
        d.put("currency", "usd");
        d.put("provider", "sandbox");
        d.put("provider_reference", "ch_test");
        d.put("refunded_at", Instant.now().toString());
        return EventEnvelope.of("payment.refunded", d);
    }

    /** Publishes the event (twice: redelivered) and waits until the library has handled it. */
    void deliver(EventEnvelope<?> event) {
        publish(event);
        publish(event);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = ?", Integer.class, event.eventId()) == 1);
    }

    Instant accessUntil(UUID user, UUID pack) {
        return jdbc.queryForObject("select access_until from pack_grant where user_id = ? and pack_id = ?",
                java.sql.Timestamp.class, user, pack).toInstant();
    }

    @Test
    void shouldGrantEachBuyerOnceWhileSeveralConsumersTakePurchasesOfOnePackAtOnce() {
        MessageListenerContainer purchases = listeners.getListenerContainers().stream()
                .filter(c -> c instanceof SimpleMessageListenerContainer s
                        && List.of(s.getQueueNames()).contains(PackEventsConsumer.PAYMENTS))
                .findFirst().orElseThrow();
        assertThat(((SimpleMessageListenerContainer) purchases).getActiveConsumerCount())
                .as("payment.succeeded is taken by waqup.library.purchase-consumers consumers").isEqualTo(2);
        Published p = publishedPack();
        List<UUID> buyers = new ArrayList<>();
        List<EventEnvelope<Map<String, Object>>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID buyer = UUID.randomUUID();
            buyers.add(buyer);
            events.add(paid(UUID.randomUUID(), buyer, p, "one_time", null, null));
        }
        for (int round = 0; round < 3; round++) { // every purchase delivered three times, the copies spread over both consumers
            events.forEach(this::publish);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = any(?)", Integer.class,
                (Object) events.stream().map(EventEnvelope::eventId).toArray(UUID[]::new)) == 40);
        for (UUID buyer : buyers) {
            assertThat(jdbc.queryForObject("select count(*) from pack_grant where user_id = ? and pack_id = ?", Integer.class,
                    buyer, p.pack())).as("one grant for %s", buyer).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from content_item where user_id = ? and pack_id = ?",
                    Integer.class, buyer, p.pack())).as("the pack's item once in the library of %s", buyer).isEqualTo(1);
            assertThat(access(p.pack(), buyer).path("has_access").asBoolean()).isTrue();
        }
    }

    @Test
    void shouldKeepASubscribersAccessToTheLatestPaidPeriodEndAndEndItAfterwards() {
        Published p = publishedPack();
        UUID subscriber = UUID.randomUUID();
        UUID subscription = UUID.randomUUID();
        Instant firstEnd = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        deliver(paid(UUID.randomUUID(), subscriber, p, "subscription", subscription, firstEnd));
        JsonNode page = awaitPackItems(subscriber, p.pack(), 1);
        String id = page.path("content_items").get(0).path("id").asString();
        JsonNode a = access(p.pack(), subscriber);
        assertThat(a.path("has_access").asBoolean()).isTrue();
        assertThat(a.path("source").asString()).isEqualTo("subscription");
        assertThat(accessUntil(subscriber, p.pack())).isEqualTo(firstEnd);

        Instant renewedEnd = firstEnd.plus(Duration.ofDays(30));
        deliver(renewed(subscription, subscriber, p, renewedEnd));
        assertThat(accessUntil(subscriber, p.pack())).isEqualTo(renewedEnd);
        deliver(ended(subscription, subscriber, p, firstEnd));
        assertThat(accessUntil(subscriber, p.pack())).as("a late end never shortens a later known period").isEqualTo(renewedEnd);
        deliver(renewed(subscription, subscriber, p, firstEnd));
        assertThat(accessUntil(subscriber, p.pack())).as("an older renewal arriving late").isEqualTo(renewedEnd);
        assertThat(get("/api/v1/content/" + id, subscriber).status()).isEqualTo(200);

        // a subscription whose paid period is over: no access, the items are gone from the library and from playback
        UUID lapsed = UUID.randomUUID();
        UUID lapsedSubscription = UUID.randomUUID();
        deliver(paid(UUID.randomUUID(), lapsed, p, "subscription", lapsedSubscription, Instant.now().minusSeconds(60)));
        String lapsedItem = ContentService.packItemId(lapsed, p.item()).toString();
        assertThat(jdbc.queryForObject("select count(*) from content_item where id = ?::uuid", Integer.class, lapsedItem))
                .as("the items are kept for a renewal").isEqualTo(1);
        assertThat(access(p.pack(), lapsed).path("has_access").asBoolean()).isFalse();
        assertThat(ok(get("/api/v1/content?pack_id=" + p.pack(), lapsed)).path("content_items")).isEmpty();
        assertThat(ok(get("/api/v1/content", lapsed)).path("pagination").path("total").asInt()).isZero();
        Http.Response gone = get("/api/v1/content/" + lapsedItem, lapsed);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("error").path("code").asString()).isEqualTo("CONTENT_NOT_FOUND");
        assertThat(send("POST", "/api/v1/content/" + lapsedItem + "/play", lapsed,
                "{\"started_at\":\"" + Instant.now() + "\"}").status()).as("no playback after the period").isEqualTo(404);

        deliver(renewed(lapsedSubscription, lapsed, p, Instant.now().plus(Duration.ofDays(30))));
        assertThat(access(p.pack(), lapsed).path("has_access").asBoolean()).as("a renewal brings it back").isTrue();
        assertThat(get("/api/v1/content/" + lapsedItem, lapsed).status()).isEqualTo(200);
    }

    @Test
    void shouldRevokeARefundedPurchaseInAnyOrderButNeverAFreeClaim() {
        Published p = publishedPack();
        UUID buyer = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        EventEnvelope<Map<String, Object>> purchase = paid(payment, buyer, p, "one_time", null, null);
        deliver(purchase);
        String id = awaitPackItems(buyer, p.pack(), 1).path("content_items").get(0).path("id").asString();
        assertThat(access(p.pack(), buyer).path("source").asString()).isEqualTo("purchase");

        deliver(refunded(payment, buyer, p, null));
        assertThat(access(p.pack(), buyer).path("has_access").asBoolean()).isFalse();
        assertThat(ok(get("/api/v1/content?pack_id=" + p.pack(), buyer)).path("content_items")).isEmpty();
        assertThat(get("/api/v1/content/" + id, buyer).status()).isEqualTo(404);

        // the refund overtakes its payment: nothing is granted
        UUID early = UUID.randomUUID();
        UUID earlyPayment = UUID.randomUUID();
        deliver(refunded(earlyPayment, early, p, null));
        deliver(paid(earlyPayment, early, p, "one_time", null, null));
        assertThat(access(p.pack(), early).path("has_access").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from pack_grant where user_id = ?", Integer.class, early)).isZero();

        // a new purchase after the refund grants it again
        deliver(paid(UUID.randomUUID(), buyer, p, "one_time", null, null));
        assertThat(access(p.pack(), buyer).path("has_access").asBoolean()).isTrue();
        assertThat(get("/api/v1/content/" + id, buyer).status()).isEqualTo(200);

        // a refund naming a free claim's payment never takes the claim away
        UUID claimer = UUID.randomUUID();
        UUID claimPayment = UUID.randomUUID();
        deliver(paid(claimPayment, claimer, p, "free", null, null));
        deliver(refunded(claimPayment, claimer, p, null));
        assertThat(access(p.pack(), claimer).path("source").asString()).isEqualTo("claim");
    }

    @Test
    void shouldRevokeASubscriptionWhoseRenewalWasRefunded() {
        Published p = publishedPack();
        UUID subscriber = UUID.randomUUID();
        UUID subscription = UUID.randomUUID();
        deliver(paid(UUID.randomUUID(), subscriber, p, "subscription", subscription, Instant.now().plusSeconds(3600)));
        EventEnvelope<Map<String, Object>> renewal = renewed(subscription, subscriber, p, Instant.now().plus(Duration.ofDays(30)));
        deliver(renewal);
        UUID renewalPayment = UUID.fromString((String) renewal.data().get("payment_id"));
        deliver(refunded(renewalPayment, subscriber, p, subscription));
        assertThat(access(p.pack(), subscriber).path("has_access").asBoolean()).isFalse();
        deliver(ended(subscription, subscriber, p, Instant.now().plus(Duration.ofDays(30))));
        assertThat(access(p.pack(), subscriber).path("has_access").asBoolean()).as("the refunded subscription stays revoked")
                .isFalse();
    }
}
