package com.waqup.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Stripe's webhooks as Stripe really delivers them: every event several times, in any order (a refund before its
 * payment, a renewal before the checkout), plus forgeries. Nothing happens twice; nothing unsigned gets in.
 */
class WebhookTortureIT extends PaymentITSupport {

    @Autowired
    MeterRegistry meters;

    @Autowired
    PurchaseRepository repository;

    @Autowired
    PlatformTransactionManager transactions;

    double webhookFailures(String stage, String reason) {
        return meters.get("waqup.webhook.failures").tag("stage", stage).tag("reason", reason).counter().count();
    }

    static String completed(String session, String subscription, String intent, long amount) {
        return """
                {"id": "%s", "object": "checkout.session", "amount_total": %d, "currency": "usd", "livemode": false,
                 "mode": "%s", "payment_intent": %s, "payment_status": "paid", "status": "complete",
                 "subscription": %s, "metadata": {"kind": "pack"}}""".formatted(session, amount,
                subscription == null ? "payment" : "subscription", intent == null ? "null" : "\"" + intent + "\"",
                subscription == null ? "null" : "\"" + subscription + "\"");
    }

    static String refunded(String charge, String intent, long amount, long refunded) {
        return """
                {"id": "%s", "object": "charge", "amount": %d, "amount_captured": %d, "amount_refunded": %d,
                 "currency": "usd", "payment_intent": "%s", "refunded": %s, "status": "succeeded"}"""
                .formatted(charge, amount, amount, refunded, intent, refunded >= amount);
    }

    static String invoice(String id, String subscription, String reason, long amount, Instant start, Instant end, String intent) {
        return """
                {"id": "%s", "object": "invoice", "amount_paid": %d, "billing_reason": "%s", "currency": "usd",
                 "status": "paid", "parent": {"type": "subscription_details", "subscription_details": {"subscription": "%s"}},
                 "lines": {"object": "list", "data": [{"object": "line_item", "amount": %d,
                   "period": {"start": %d, "end": %d}}]},
                 "payments": {"object": "list", "data": [{"object": "invoice_payment",
                   "payment": {"type": "payment_intent", "payment_intent": "%s"}}]}}"""
                .formatted(id, amount, reason, subscription, amount, start.getEpochSecond(), end.getEpochSecond(), intent);
    }

    static String deleted(String subscription, Instant periodEnd) {
        return """
                {"id": "%s", "object": "subscription", "status": "canceled", "canceled_at": %d, "ended_at": %d,
                 "cancellation_details": {"reason": "cancellation_requested"},
                 "items": {"object": "list", "data": [{"object": "subscription_item", "current_period_end": %d}]}}"""
                .formatted(subscription, Instant.now().getEpochSecond(), Instant.now().getEpochSecond(), periodEnd.getEpochSecond());
    }

    /** Sends each event three times, all shuffled, each answered 2xx. */
    void deliverShuffled(List<String> events, long seed) {
        List<String> deliveries = new ArrayList<>();
        for (String e : events) {
            deliveries.add(e);
            deliveries.add(e);
            deliveries.add(e);
        }
        Collections.shuffle(deliveries, new Random(seed));
        for (String payload : deliveries) {
            Http.Response r = signed(payload);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("received").asBoolean()).isTrue();
        }
    }

    void awaitAllHandled(List<String> ids) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> count(
                "select count(*) from webhook_event where id = ? and handled_at is not null", id) == 1));
    }

    static String id(String payload) {
        return payload.substring(payload.indexOf("\"evt_") + 1, payload.indexOf('"', payload.indexOf("\"evt_") + 1));
    }

    @Test
    void shouldGrantAndRefundExactlyOnceWhateverTheOrderAndRepetition() {
        EventProbe probe = EventProbe.listen(rabbit, amqp, "payment.succeeded", "payment.refunded");
        UUID buyer = UUID.randomUUID();
        UUID pack = pack(UUID.randomUUID(), "one_time", 999, "Torture");
        String session = session(buyer, pack, "one_time");
        String intent = "pi_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String charge = "ch_test_" + intent.substring(8);
        List<String> events = List.of(
                event(evt(), "checkout.session.completed", completed(session, null, intent, 999)),
                event(evt(), "charge.refunded", refunded(charge, intent, 999, 300)),
                event(evt(), "charge.refunded", refunded(charge, intent, 999, 999)));
        deliverShuffled(events, 18);
        awaitAllHandled(events.stream().map(WebhookTortureIT::id).toList());

        assertThat(count("select count(*) from webhook_event where id in (?, ?, ?)", events.stream().map(WebhookTortureIT::id).toArray()))
                .as("each event stored once").isEqualTo(3);
        assertThat(count("select count(*) from payment where user_id = ?", buyer)).as("one payment").isEqualTo(1);
        assertThat(jdbc.queryForObject("select refunded_minor from payment where user_id = ?", Long.class, buyer)).isEqualTo(999);
        assertThat(jdbc.queryForObject("select status from payment where user_id = ?", String.class, buyer)).isEqualTo("refunded");
        List<JsonNode> mine = probe.all(Duration.ofSeconds(1)).stream()
                .filter(e -> e.path("data").path("user_id").asString().equals(buyer.toString())).toList();
        assertThat(mine.stream().filter(e -> e.path("type").asString().equals("payment.succeeded"))).hasSize(1);
        List<Long> refunds = mine.stream().filter(e -> e.path("type").asString().equals("payment.refunded"))
                .map(e -> e.path("data").path("refunded_minor").asLong()).toList();
        assertThat(refunds.stream().mapToLong(Long::longValue).sum()).as("never more than was paid").isEqualTo(999);
        assertThat(refunds).hasSizeBetween(1, 2);
        probe.close();
    }

    @Test
    void shouldRenewAndEndASubscriptionOnceWhateverTheOrderWithoutCountingTheFirstInvoiceTwice() {
        EventProbe probe = EventProbe.listen(rabbit, amqp, "payment.succeeded", "subscription.renewed", "subscription.ended");
        UUID buyer = UUID.randomUUID();
        UUID pack = pack(UUID.randomUUID(), "subscription", 499, "Club");
        String session = session(buyer, pack, "subscription");
        String sub = "sub_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant end1 = start.plus(Duration.ofDays(31));
        Instant end2 = end1.plus(Duration.ofDays(30));
        List<String> events = List.of(
                event(evt(), "checkout.session.completed", completed(session, sub, null, 499)),
                event(evt(), "invoice.paid", invoice("in_first_" + sub, sub, "subscription_create", 499, start, end1, "pi_first_" + sub)),
                event(evt(), "invoice.paid", invoice("in_second_" + sub, sub, "subscription_cycle", 499, end1, end2, "pi_second_" + sub)),
                event(evt(), "customer.subscription.deleted", deleted(sub, end2)));
        deliverShuffled(events, 7);
        awaitAllHandled(events.stream().map(WebhookTortureIT::id).toList());

        assertThat(count("select count(*) from payment where user_id = ?", buyer)).as("checkout + one renewal").isEqualTo(2);
        assertThat(count("select count(*) from subscription where provider_subscription_id = ?", sub)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from subscription where provider_subscription_id = ?", String.class, sub)).isEqualTo("ended");
        assertThat(jdbc.queryForObject("select current_period_end from subscription where provider_subscription_id = ?",
                java.sql.Timestamp.class, sub).toInstant()).isEqualTo(end2);
        List<JsonNode> mine = probe.all(Duration.ofSeconds(1)).stream()
                .filter(e -> e.path("data").path("user_id").asString().equals(buyer.toString())).toList();
        assertThat(mine.stream().filter(e -> e.path("type").asString().equals("payment.succeeded"))).hasSize(1);
        assertThat(mine.stream().filter(e -> e.path("type").asString().equals("subscription.renewed"))).singleElement()
                .satisfies(e -> assertThat(e.path("data").path("provider_reference").asString()).isEqualTo("in_second_" + sub));
        assertThat(mine.stream().filter(e -> e.path("type").asString().equals("subscription.ended"))).singleElement()
                .satisfies(e -> assertThat(Instant.parse(e.path("data").path("access_until").asString())).isEqualTo(end2));
        probe.close();
    }

    @Test
    void shouldRefuseEveryBadSignatureAndStoreNothing() {
        UUID buyer = UUID.randomUUID();
        UUID pack = pack(UUID.randomUUID(), "one_time", 999, "Forged");
        String session = session(buyer, pack, "one_time");
        int before = count("select count(*) from webhook_event");
        long now = Instant.now().getEpochSecond();
        int refused = 0;
        int attempts = 0;
        int badSignatures = 0;
        double signatureFailuresBefore = webhookFailures("intake", "signature");
        double payloadFailuresBefore = webhookFailures("intake", "payload");
        for (int i = 0; i < 20; i++) {
            String payload = event(evt(), "checkout.session.completed", completed(session, null, "pi_forged_" + i, 999));
            List<Http.Response> forged = List.of(
                    webhook(payload.replace("999", "1"), signature(payload, SECRET, now)),               // tampered body
                    webhook(payload, signature(payload, "whsec_not_the_secret", now)),                    // wrong secret
                    webhook(payload, signature(payload, SECRET, now - 301)),                               // stale
                    webhook(payload, signature(payload, SECRET, now + 3600).replace("t=" + (now + 3600), "t=" + now)), // moved t
                    webhook(payload, "t=" + now + ",v0=" + "ab".repeat(32)),                              // no v1
                    webhook(payload, "garbage"),
                    webhook(payload, null));                                                               // missing
            for (Http.Response r : forged) {
                attempts++;
                if (r.status() == 400) {
                    refused++;
                    assertThat(r.json().path("error").path("code").asString()).isIn("INVALID_SIGNATURE", "INVALID_PAYLOAD");
                    badSignatures += r.json().path("error").path("code").asString().equals("INVALID_SIGNATURE") ? 1 : 0;
                }
            }
        }
        assertThat(refused).as("100 % of bad signatures refused").isEqualTo(attempts);
        assertThat(count("select count(*) from webhook_event")).as("nothing stored").isEqualTo(before);
        assertThat(count("select count(*) from payment where user_id = ?", buyer)).isZero();
        assertThat(jdbc.queryForObject("select status from checkout_session where id = ?", String.class, session)).isEqualTo("open");

        Http.Response notJson = webhook("not json", signature("not json", SECRET, now));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("error").path("code").asString()).isEqualTo("INVALID_PAYLOAD");
        // what WaqupWebhookSignaturesRefused alerts on: every refusal counted once, by its reason
        assertThat(webhookFailures("intake", "signature") - signatureFailuresBefore).isEqualTo(badSignatures);
        assertThat(webhookFailures("intake", "payload") - payloadFailuresBefore).isEqualTo(attempts - badSignatures + 1);
    }

    @Test
    void shouldRetryAnEventWhoseSubjectIsUnknownUntilItArrives() {
        UUID buyer = UUID.randomUUID();
        UUID pack = pack(UUID.randomUUID(), "one_time", 999, "Later");
        String session = session(buyer, pack, "one_time");
        String intent = "pi_later_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String refund = event(evt(), "charge.refunded", refunded("ch_later_" + intent, intent, 999, 999));
        assertThat(signed(refund).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select attempts from webhook_event where id = ?", id(refund)) >= 1);
        assertThat(count("select count(*) from webhook_event where id = ? and handled_at is null", id(refund)))
                .as("kept, not lost, while its payment is unknown").isEqualTo(1);

        String completed = event(evt(), "checkout.session.completed", completed(session, null, intent, 999));
        assertThat(signed(completed).status()).isEqualTo(200);
        awaitAllHandled(List.of(id(completed), id(refund)));
        assertThat(jdbc.queryForObject("select status from payment where user_id = ?", String.class, buyer)).isEqualTo("refunded");
    }

    @Test
    void shouldGiveWorkersWorkingAtOnceDifferentEventsWithoutWaitingForEachOther() throws Exception {
        // due an hour from now: the service's own workers (due = now) leave them alone; the probe looks two hours ahead
        Instant later = Instant.now().plus(Duration.ofHours(1));
        Instant probe = later.plus(Duration.ofHours(1));
        List<String> ids = List.of(evt(), evt());
        repository.insertEvent(ids.get(0), "test.claim", "{}", later);
        repository.insertEvent(ids.get(1), "test.claim", "{}", later.plusMillis(1));
        TransactionTemplate tx = new TransactionTemplate(transactions);
        AtomicReference<String> first = new AtomicReference<>();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread worker = Thread.ofVirtual().start(() -> tx.executeWithoutResult(s -> {
            first.set(repository.claimNextDue(probe).orElseThrow().id());
            holding.countDown();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).as("the first worker holds an event").isTrue();
            // a second worker must get another event at once, not wait for the first one's row (no skip locked: 2 s, then an error)
            String second = tx.execute(s -> {
                jdbc.execute("set local lock_timeout = '2s'");
                return repository.claimNextDue(probe).map(PurchaseRepository.StoredEvent::id).orElse(null);
            });
            assertThat(second).as("the second worker's event").isNotNull().isNotEqualTo(first.get());
        } finally {
            done.countDown();
            worker.join();
            jdbc.update("delete from webhook_event where type = 'test.claim'");
        }
    }
}
