package com.waqup.payment.checkout;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.waqup.common.outbox.IntegrationEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The effects of Stripe's events (docs/payments.md), each idempotent and safe in any order, inside the worker's
 * transaction (the outbox publishes only if it commits):
 * <ul>
 * <li>{@code checkout.session.completed}: the session completes once; a payment row (unique by session) and
 * {@code payment.succeeded}; for a subscription also the subscription, paid until now + its interval.</li>
 * <li>{@code invoice.paid}: a renewal ({@code billing_reason} other than {@code subscription_create}, which the
 * checkout already counted) is a payment unique by invoice, extends the subscription and publishes
 * {@code subscription.renewed}.</li>
 * <li>{@code customer.subscription.deleted}: the subscription ends once; {@code subscription.ended} with
 * {@code access_until} = the paid period's end.</li>
 * <li>{@code charge.refunded}: the charge's cumulative {@code amount_refunded} beyond what is recorded becomes one
 * refund and {@code payment.refunded}; an older, smaller total changes nothing.</li>
 * <li>{@code checkout.session.expired}: an open session expires; nothing is granted.</li>
 * </ul>
 * An event about something not known yet ({@link NotYetKnown}) fails and is retried until it is.
 */
@Component
class WebhookHandlers {

    private static final Logger log = LoggerFactory.getLogger(WebhookHandlers.class);

    private final PurchaseRepository repository;
    private final IntegrationEvents outbox;
    private final Clock clock;

    WebhookHandlers(PurchaseRepository repository, IntegrationEvents outbox, Clock clock) {
        this.repository = repository;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The event refers to something this service has not recorded yet: try again later. */
    static final class NotYetKnown extends RuntimeException {

        NotYetKnown(String what) {
            super(what, null, false, false);
        }
    }

    void handle(String type, JsonNode event) {
        JsonNode object = event.path("data").path("object");
        switch (type) {
            case "checkout.session.completed" -> sessionCompleted(object);
            case "checkout.session.expired" -> sessionExpired(object);
            case "invoice.paid" -> invoicePaid(object);
            case "customer.subscription.deleted" -> subscriptionDeleted(object);
            case "charge.refunded" -> chargeRefunded(object);
            default -> log.debug("webhook event {} ignored", type);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isString()) {
            return v.asString();
        }
        if (v.isObject() && v.path("id").isString()) {
            return v.path("id").asString(); // an expanded object
        }
        return null;
    }

    static Instant epoch(JsonNode node) {
        return node.isNumber() ? Instant.ofEpochSecond(node.asLong()) : null;
    }

    static Instant plus(Instant from, String interval) {
        var at = from.atOffset(ZoneOffset.UTC);
        return ("year".equals(interval) ? at.plusYears(1) : at.plusMonths(1)).toInstant();
    }

    private void sessionCompleted(JsonNode s) {
        String id = text(s, "id");
        if (id == null) {
            return;
        }
        PurchaseRepository.Session session = repository.lockSession(id).orElseThrow(() -> new NotYetKnown("session " + id));
        if ("completed".equals(session.status())) {
            return;
        }
        String paymentStatus = text(s, "payment_status");
        if (paymentStatus != null && !paymentStatus.equals("paid") && !paymentStatus.equals("no_payment_required")) {
            log.info("session {} completed but not paid yet ({}): nothing granted", id, paymentStatus);
            return;
        }
        Instant now = clock.instant();
        repository.closeSession(id, "completed", now);
        long amount = s.path("amount_total").isNumber() && s.path("amount_total").asLong() > 0
                ? s.path("amount_total").asLong() : session.amountMinor();
        String currency = Optional.ofNullable(text(s, "currency")).orElse(session.currency()).toLowerCase(Locale.ROOT);
        UUID subscriptionId = null;
        Instant periodEnd = null;
        if (session.interval() != null) {
            String providerSubscription = Optional.ofNullable(text(s, "subscription")).orElse("sub_for_" + id);
            periodEnd = plus(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), session.interval()); // Stripe's periods are whole seconds
            PurchaseRepository.Subscription sub = new PurchaseRepository.Subscription(UUID.randomUUID(),
                    session.userId(), session.packId(), session.creatorId(), session.provider(), providerSubscription,
                    session.interval(), amount, currency, "active", periodEnd, now, null);
            if (repository.insertSubscription(sub)) {
                subscriptionId = sub.id();
            } else {
                PurchaseRepository.Subscription known = repository.lockSubscription(providerSubscription).orElseThrow();
                subscriptionId = known.id();
                periodEnd = known.currentPeriodEnd();
            }
        }
        if (session.userId() == null) {
            log.info("session {} completed for an erased account: recorded nothing", id);
            return;
        }
        UUID paymentId = UUID.randomUUID();
        PurchaseRepository.PaidPayment payment = new PurchaseRepository.PaidPayment(paymentId, session.userId(),
                session.kind(), session.packId(), session.packRevision(), session.creatorId(), session.creditPack(),
                session.credits(), session.priceType(), amount, currency, session.provider(), id, id, subscriptionId,
                text(s, "payment_intent"), 0, "succeeded", now, null);
        if (!repository.insertPayment(payment)) {
            if (repository.paymentByReference(session.provider(), id).isEmpty()) {
                log.error("session {} paid for pack {} that {} already owns: refund it (docs/payments.md)", id,
                        session.packId(), session.userId());
            }
            return;
        }
        outbox.publish(PaymentSucceeded.TYPE, new PaymentSucceeded(paymentId, session.userId(), session.kind(),
                session.packId(), session.packRevision(), session.creatorId(), session.creditPack(), session.credits(),
                session.priceType(), amount, currency, session.provider(), id, now, subscriptionId, periodEnd));
        log.info("session {} paid: payment {} ({} {} {})", id, paymentId, session.kind(), amount, currency);
    }

    private void sessionExpired(JsonNode s) {
        String id = text(s, "id");
        if (id == null) {
            return;
        }
        repository.lockSession(id).filter(session -> "open".equals(session.status()))
                .ifPresent(session -> repository.closeSession(id, "expired", clock.instant()));
    }

    private static String invoiceSubscription(JsonNode invoice) {
        String sub = text(invoice, "subscription");
        return sub != null ? sub : text(invoice.path("parent").path("subscription_details"), "subscription");
    }

    private static String invoicePaymentIntent(JsonNode invoice) {
        String pi = text(invoice, "payment_intent");
        if (pi != null) {
            return pi;
        }
        for (JsonNode p : invoice.path("payments").path("data")) {
            String found = text(p.path("payment"), "payment_intent");
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private void invoicePaid(JsonNode invoice) {
        String providerSubscription = invoiceSubscription(invoice);
        String invoiceId = text(invoice, "id");
        if (providerSubscription == null || invoiceId == null) {
            return; // not a subscription's invoice
        }
        PurchaseRepository.Subscription sub = repository.lockSubscription(providerSubscription)
                .orElseThrow(() -> new NotYetKnown("subscription " + providerSubscription));
        String intent = invoicePaymentIntent(invoice);
        if ("subscription_create".equals(text(invoice, "billing_reason"))) {
            if (intent != null) {
                repository.setFirstPaymentIntent(sub.id(), intent); // the checkout counted this payment already
            }
            return;
        }
        if (repository.paymentByReference(sub.provider(), invoiceId).isPresent()) {
            return;
        }
        JsonNode period = invoice.path("lines").path("data").path(0).path("period");
        Instant start = Optional.ofNullable(epoch(period.path("start"))).orElse(sub.currentPeriodEnd());
        Instant end = Optional.ofNullable(epoch(period.path("end"))).orElse(plus(start, sub.interval()));
        long amount = invoice.path("amount_paid").isNumber() ? invoice.path("amount_paid").asLong() : sub.amountMinor();
        String currency = Optional.ofNullable(text(invoice, "currency")).orElse(sub.currency()).toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        repository.extend(sub.id(), end);
        if (sub.userId() == null) {
            return;
        }
        UUID paymentId = UUID.randomUUID();
        repository.insertPayment(new PurchaseRepository.PaidPayment(paymentId, sub.userId(), "pack", sub.packId(), null,
                sub.creatorId(), null, null, "subscription", amount, currency, sub.provider(), invoiceId, null, sub.id(),
                intent, 0, "succeeded", now, null));
        outbox.publish(SubscriptionRenewed.TYPE, new SubscriptionRenewed(sub.id(), paymentId, sub.userId(), sub.packId(),
                sub.creatorId(), amount, currency, start, end, sub.provider(), invoiceId, now));
        log.info("subscription {} renewed to {} by invoice {}", sub.id(), end, invoiceId);
    }

    private void subscriptionDeleted(JsonNode s) {
        String providerSubscription = text(s, "id");
        if (providerSubscription == null) {
            return;
        }
        PurchaseRepository.Subscription sub = repository.lockSubscription(providerSubscription)
                .orElseThrow(() -> new NotYetKnown("subscription " + providerSubscription));
        if ("ended".equals(sub.status())) {
            return;
        }
        Instant periodEnd = epoch(s.path("current_period_end"));
        if (periodEnd == null) {
            periodEnd = epoch(s.path("items").path("data").path(0).path("current_period_end"));
        }
        Instant accessUntil = periodEnd == null || periodEnd.isBefore(sub.currentPeriodEnd()) ? sub.currentPeriodEnd() : periodEnd;
        String reason = "payment_failed".equals(text(s.path("cancellation_details"), "reason")) ? "payment_failed" : "canceled";
        Instant endedAt = Optional.ofNullable(epoch(s.path("ended_at"))).orElse(clock.instant());
        repository.end(sub.id(), accessUntil, endedAt);
        if (sub.userId() == null) {
            return;
        }
        outbox.publish(SubscriptionEnded.TYPE, new SubscriptionEnded(sub.id(), sub.userId(), sub.packId(), sub.creatorId(),
                accessUntil, reason, sub.provider(), providerSubscription, endedAt));
        log.info("subscription {} ended ({}); access until {}", sub.id(), reason, accessUntil);
    }

    private void chargeRefunded(JsonNode charge) {
        String chargeId = text(charge, "id");
        String intent = text(charge, "payment_intent");
        if (chargeId == null || intent == null || !charge.path("amount_refunded").isNumber()) {
            return;
        }
        long refundedTotal = charge.path("amount_refunded").asLong();
        PurchaseRepository.PaidPayment payment = repository.lockPaymentByIntent(intent)
                .orElseThrow(() -> new NotYetKnown("payment of " + intent));
        long delta = Math.min(refundedTotal, payment.amountMinor()) - payment.refundedMinor();
        if (delta <= 0) {
            return; // this total (or a larger one) is recorded already
        }
        Instant now = clock.instant();
        UUID refundId = UUID.randomUUID();
        if (!repository.insertRefund(refundId, payment.id(), chargeId + ":" + refundedTotal, delta, now)) {
            return;
        }
        repository.refunded(payment.id(), payment.refundedMinor() + delta,
                payment.refundedMinor() + delta >= payment.amountMinor(), now);
        if (payment.userId() == null) {
            return;
        }
        outbox.publish(PaymentRefunded.TYPE, new PaymentRefunded(payment.id(), refundId, payment.userId(), payment.kind(),
                payment.packId(), payment.creatorId(), payment.creditPack(), payment.credits(), payment.subscriptionId(),
                payment.amountMinor(), delta, payment.currency(), payment.provider(), chargeId, now));
        log.info("payment {} refunded {} {} (charge {})", payment.id(), delta, payment.currency(), chargeId);
    }
}
