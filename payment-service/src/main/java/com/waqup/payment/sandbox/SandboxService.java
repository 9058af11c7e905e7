package com.waqup.payment.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.stripe.Stripe;
import com.waqup.common.error.DomainException;
import com.waqup.payment.checkout.CheckoutService;
import com.waqup.payment.checkout.PaymentMode;
import com.waqup.payment.checkout.WebhookIntake;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The offline sandbox (docs/payments.md): what Stripe would send, built with Stripe's JSON shapes, signed exactly as
 * Stripe signs ({@code Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}) and handed to
 * the same {@link WebhookIntake} Stripe's webhooks reach, so {@code Webhook.Signature.verifyHeader} verifies it like any other.
 * Only while {@link PaymentMode#sandbox()}; otherwise every action is a 404.
 */
@Service
class SandboxService {

    static final String SUCCEEDING_CARD = "4242424242424242";
    static final String DECLINED_CARD = "4000000000000002";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CheckoutService checkout;
    private final WebhookIntake intake;
    private final PaymentMode mode;
    private final JsonMapper json;
    private final Clock clock;

    SandboxService(CheckoutService checkout, WebhookIntake intake, PaymentMode mode, JsonMapper json, Clock clock) {
        this.checkout = checkout;
        this.intake = intake;
        this.mode = mode;
        this.json = json;
        this.clock = clock;
    }

    boolean enabled() {
        return mode.sandbox();
    }

    private void requireEnabled() {
        if (!mode.sandbox()) {
            throw DomainException.notFound("NOT_FOUND", "The payment sandbox is off");
        }
    }

    static String id(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + "_sbx_" + HexFormat.of().formatHex(bytes);
    }

    CheckoutService.SessionView session(String id) {
        requireEnabled();
        return checkout.session(id).filter(s -> "sandbox".equals(s.provider()))
                .orElseThrow(() -> DomainException.notFound("SESSION_NOT_FOUND", "No such checkout session"));
    }

    /** What paying answers: where to send the browser, or why the card was declined. */
    record Outcome(String redirect, String declined) {
    }

    Outcome pay(String sessionId, String cardNumber) {
        CheckoutService.SessionView s = session(sessionId);
        if (!"open".equals(s.status())) {
            return new Outcome("completed".equals(s.status()) ? redirect(s.successUrl(), s.id()) : redirect(s.cancelUrl(), s.id()), null);
        }
        String card = cardNumber == null ? "" : cardNumber.replaceAll("[\\s-]", "");
        if (!card.equals(SUCCEEDING_CARD)) {
            return new Outcome(null, card.equals(DECLINED_CARD) ? "Your card was declined (test card 4000 0000 0000 0002)."
                    : "Use the test card 4242 4242 4242 4242: the sandbox takes no real cards.");
        }
        long now = clock.instant().getEpochSecond();
        boolean subscription = s.interval() != null;
        String intent = id("pi");
        String subscriptionId = subscription ? id("sub") : null;
        ObjectNode session = json.createObjectNode();
        session.put("id", s.id());
        session.put("object", "checkout.session");
        session.put("amount_subtotal", s.amountMinor());
        session.put("amount_total", s.amountMinor());
        session.put("cancel_url", s.cancelUrl());
        session.put("client_reference_id", s.userId() == null ? null : s.userId().toString());
        session.put("created", s.createdAt().getEpochSecond());
        session.put("currency", s.currency());
        session.put("customer", "cus_sbx_" + (s.userId() == null ? "erased" : s.userId().toString().replace("-", "").substring(0, 14)));
        session.put("livemode", false);
        ObjectNode metadata = session.putObject("metadata");
        metadata.put("kind", s.kind());
        metadata.put("user_id", s.userId() == null ? null : s.userId().toString());
        if (s.packId() != null) {
            metadata.put("pack_id", s.packId().toString());
        }
        if (s.creditPack() != null) {
            metadata.put("credit_pack", s.creditPack());
        }
        session.put("mode", subscription ? "subscription" : "payment");
        session.put("payment_intent", subscription ? null : intent);
        session.put("payment_status", "paid");
        session.put("status", "complete");
        session.put("subscription", subscriptionId);
        session.put("success_url", s.successUrl());
        send("checkout.session.completed", session);
        if (subscription) {
            Instant start = Instant.ofEpochSecond(now);
            send("invoice.paid", invoice(subscriptionId, "subscription_create", s.amountMinor(), s.currency(), start,
                    plus(start, s.interval()), intent));
        }
        return new Outcome(redirect(s.successUrl(), s.id()), null);
    }

    String cancel(String sessionId) {
        CheckoutService.SessionView s = session(sessionId);
        if ("open".equals(s.status())) {
            ObjectNode session = json.createObjectNode();
            session.put("id", s.id());
            session.put("object", "checkout.session");
            session.put("amount_total", s.amountMinor());
            session.put("currency", s.currency());
            session.put("mode", s.interval() != null ? "subscription" : "payment");
            session.put("payment_status", "unpaid");
            session.put("status", "expired");
            send("checkout.session.expired", session);
        }
        return redirect(s.cancelUrl(), s.id());
    }

    /** Stripe replaces {@code {CHECKOUT_SESSION_ID}} in the success URL; so does the sandbox. */
    static String redirect(String url, String sessionId) {
        return url.replace("{CHECKOUT_SESSION_ID}", sessionId);
    }

    static Instant plus(Instant from, String interval) {
        var at = from.atOffset(ZoneOffset.UTC);
        return ("year".equals(interval) ? at.plusYears(1) : at.plusMonths(1)).toInstant();
    }

    private ObjectNode invoice(String subscription, String reason, long amount, String currency, Instant start,
            Instant end, String intent) {
        ObjectNode invoice = json.createObjectNode();
        invoice.put("id", id("in"));
        invoice.put("object", "invoice");
        invoice.put("amount_due", amount);
        invoice.put("amount_paid", amount);
        invoice.put("billing_reason", reason);
        invoice.put("currency", currency);
        invoice.put("status", "paid");
        invoice.putObject("parent").put("type", "subscription_details").putObject("subscription_details")
                .put("subscription", subscription);
        ObjectNode line = invoice.putObject("lines").put("object", "list").putArray("data").addObject();
        line.put("id", id("il"));
        line.put("object", "line_item");
        line.put("amount", amount);
        line.put("currency", currency);
        line.putObject("period").put("start", start.getEpochSecond()).put("end", end.getEpochSecond());
        ArrayNode payments = invoice.putObject("payments").put("object", "list").putArray("data");
        ObjectNode payment = payments.addObject();
        payment.put("object", "invoice_payment");
        payment.putObject("payment").put("type", "payment_intent").put("payment_intent", intent);
        return invoice;
    }

    /** Operator: the subscription's next period is paid (an {@code invoice.paid} renewal). */
    Map<String, Object> renew(UUID subscriptionId) {
        CheckoutService.SubscriptionView sub = subscription(subscriptionId);
        if (!"active".equals(sub.status())) {
            throw DomainException.conflict("SUBSCRIPTION_ENDED", "This subscription has ended");
        }
        Instant start = sub.currentPeriodEnd();
        return send("invoice.paid", invoice(sub.providerId(), "subscription_cycle", sub.amountMinor(), sub.currency(),
                start, plus(start, sub.interval()), id("pi")));
    }

    /** Operator: the subscription is canceled (a {@code customer.subscription.deleted}); access lasts to the period's end. */
    Map<String, Object> cancelSubscription(UUID subscriptionId) {
        CheckoutService.SubscriptionView sub = subscription(subscriptionId);
        if (!"active".equals(sub.status())) {
            throw DomainException.conflict("SUBSCRIPTION_ENDED", "This subscription has ended");
        }
        long now = clock.instant().getEpochSecond();
        ObjectNode s = json.createObjectNode();
        s.put("id", sub.providerId());
        s.put("object", "subscription");
        s.put("status", "canceled");
        s.put("canceled_at", now);
        s.put("ended_at", now);
        s.putObject("cancellation_details").put("reason", "cancellation_requested");
        ObjectNode item = s.putObject("items").put("object", "list").putArray("data").addObject();
        item.put("object", "subscription_item");
        item.put("current_period_start", sub.createdAt().getEpochSecond());
        item.put("current_period_end", sub.currentPeriodEnd().getEpochSecond());
        return send("customer.subscription.deleted", s);
    }

    /** Operator: refund {@code amountMinor} (all that is left when null) of a payment (a {@code charge.refunded}). */
    Map<String, Object> refund(UUID paymentId, Long amountMinor) {
        requireEnabled();
        CheckoutService.PaymentView p = checkout.payment(paymentId).filter(v -> "sandbox".equals(v.provider()))
                .orElseThrow(() -> DomainException.notFound("PAYMENT_NOT_FOUND", "No such sandbox payment"));
        long left = p.amountMinor() - p.refundedMinor();
        long amount = amountMinor == null ? left : amountMinor;
        if (p.paymentIntent() == null) {
            throw DomainException.conflict("NOT_REFUNDABLE", "This payment has no charge to refund yet");
        }
        if (amount <= 0 || amount > left) {
            throw DomainException.invalidField("amount_minor", "must be between 1 and " + left);
        }
        ObjectNode charge = json.createObjectNode();
        charge.put("id", "ch_sbx_" + p.paymentIntent().substring(p.paymentIntent().length() - 24));
        charge.put("object", "charge");
        charge.put("amount", p.amountMinor());
        charge.put("amount_captured", p.amountMinor());
        charge.put("amount_refunded", p.refundedMinor() + amount);
        charge.put("currency", p.currency());
        charge.put("captured", true);
        charge.put("paid", true);
        charge.put("payment_intent", p.paymentIntent());
        charge.put("refunded", p.refundedMinor() + amount >= p.amountMinor());
        charge.put("status", "succeeded");
        return send("charge.refunded", charge);
    }

    private CheckoutService.SubscriptionView subscription(UUID id) {
        requireEnabled();
        return checkout.subscription(id).filter(s -> "sandbox".equals(s.provider()))
                .orElseThrow(() -> DomainException.notFound("SUBSCRIPTION_NOT_FOUND", "No such sandbox subscription"));
    }

    /** Wraps {@code object} in a Stripe event, signs it and delivers it through the webhook intake. */
    private Map<String, Object> send(String type, ObjectNode object) {
        long now = clock.instant().getEpochSecond();
        ObjectNode event = json.createObjectNode();
        event.put("id", id("evt"));
        event.put("object", "event");
        event.put("api_version", Stripe.API_VERSION);
        event.put("created", now);
        event.putObject("data").set("object", object);
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.putObject("request").putNull("id").putNull("idempotency_key");
        event.put("type", type);
        String payload = json.writeValueAsString(event);
        WebhookIntake.Received received = intake.receive(payload, sign(payload, mode.webhookSecret(), now));
        return Map.of("event_id", received.id(), "type", received.type());
    }

    /** Stripe's scheme: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>}. */
    static String sign(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
