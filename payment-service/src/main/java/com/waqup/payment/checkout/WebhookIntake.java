package com.waqup.payment.checkout;

import java.time.Clock;
import java.util.Map;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.waqup.common.error.DomainException;
import com.waqup.payment.config.PaymentProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one door for webhooks, Stripe's and the sandbox's alike: {@code Webhook.constructEvent} checks the
 * {@code Stripe-Signature} header against the endpoint secret (timestamp tolerance 5 minutes), then the raw event is
 * stored once by its id and handed to {@link WebhookWorker}. A bad, missing or stale signature is 400 and stores
 * nothing; a repeated event id is answered 200 and changes nothing.
 */
@Service
public class WebhookIntake {

    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

    private final PaymentMode mode;
    private final PurchaseRepository repository;
    private final WebhookWorker worker;
    private final Clock clock;
    private final long toleranceSeconds;
    private final Counter badSignatures;
    private final Counter badPayloads;

    WebhookIntake(PaymentMode mode, PurchaseRepository repository, WebhookWorker worker, Clock clock,
            PaymentProperties properties, MeterRegistry meters) {
        this.mode = mode;
        this.repository = repository;
        this.worker = worker;
        this.clock = clock;
        this.toleranceSeconds = properties.stripe().tolerance().toSeconds();
        this.badSignatures = WebhookWorker.failures(meters, "intake", "signature");
        this.badPayloads = WebhookWorker.failures(meters, "intake", "payload");
    }

    /** What the webhook answers: the event's id and type, and whether it had been received before. */
    public record Received(boolean received, String id, String type, boolean duplicate) {
    }

    public Received receive(String payload, String signature) {
        if (mode.webhookSecret() == null || mode.webhookSecret().isBlank()) {
            throw DomainException.unavailable("WEBHOOKS_NOT_CONFIGURED", "No webhook secret is configured");
        }
        if (signature == null || signature.isBlank()) {
            badSignatures.increment();
            throw DomainException.invalid("INVALID_SIGNATURE", "The Stripe-Signature header is missing", Map.of());
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, mode.webhookSecret(), toleranceSeconds);
        } catch (SignatureVerificationException e) {
            log.warn("webhook refused: {}", e.getMessage());
            badSignatures.increment();
            throw DomainException.invalid("INVALID_SIGNATURE", "The webhook signature could not be verified", Map.of());
        } catch (RuntimeException e) {
            log.warn("webhook refused: unreadable payload ({})", e.getClass().getSimpleName());
            badPayloads.increment();
            throw DomainException.invalid("INVALID_PAYLOAD", "The webhook body is not a Stripe event", Map.of());
        }
        if (event.getId() == null || event.getId().isBlank() || event.getType() == null || event.getType().isBlank()) {
            badPayloads.increment();
            throw DomainException.invalid("INVALID_PAYLOAD", "The webhook event has no id or type", Map.of());
        }
        if (event.getId().length() > 255 || event.getType().length() > 255) {
            badPayloads.increment();
            throw DomainException.invalid("INVALID_PAYLOAD", "The webhook event's id or type is too long", Map.of());
        }
        boolean fresh = repository.insertEvent(event.getId(), event.getType(), payload, clock.instant());
        if (fresh) {
            worker.nudge();
        } else {
            log.info("webhook event {} ({}) received again: nothing to do", event.getId(), event.getType());
        }
        return new Received(true, event.getId(), event.getType(), !fresh);
    }
}
