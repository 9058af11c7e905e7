package com.waqup.payment.checkout;

import java.time.Clock;
import java.util.Map;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import com.waqup.common.error.DomainException;
import com.waqup.payment.config.PaymentProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one door for webhooks, Stripe's and the sandbox's alike: {@code Webhook.Signature.verifyHeader} (stripe-java)
 * checks the {@code Stripe-Signature} header against the endpoint secret (timestamp tolerance 5 minutes), the event's
 * {@code id} and {@code type} are read from the JSON as it streams past (the body must be one well-formed JSON object;
 * it is not bound to a model here: the worker reads it once when it handles it), then the raw event is stored once by
 * its id and handed to {@link WebhookWorker}. A bad, missing or stale signature is 400 and stores
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
    private final JsonMapper json;

    WebhookIntake(PaymentMode mode, PurchaseRepository repository, WebhookWorker worker, Clock clock,
            PaymentProperties properties, MeterRegistry meters, JsonMapper json) {
        this.json = json;
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
        try {
            Webhook.Signature.verifyHeader(payload, signature, mode.webhookSecret(), toleranceSeconds);
        } catch (SignatureVerificationException e) {
            log.warn("webhook refused: {}", e.getMessage());
            badSignatures.increment();
            throw DomainException.invalid("INVALID_SIGNATURE", "The webhook signature could not be verified", Map.of());
        }
        Head event;
        try {
            event = head(json, payload);
        } catch (RuntimeException e) {
            log.warn("webhook refused: unreadable payload ({})", e.getClass().getSimpleName());
            badPayloads.increment();
            throw DomainException.invalid("INVALID_PAYLOAD", "The webhook body is not a Stripe event", Map.of());
        }
        if (event.id() == null || event.id().isBlank() || event.type() == null || event.type().isBlank()) {
            badPayloads.increment();
            throw DomainException.invalid("INVALID_PAYLOAD", "The webhook event has no id or type", Map.of());
        }
        if (event.id().length() > 255 || event.type().length() > 255) {
            badPayloads.increment();
            throw DomainException.invalid("INVALID_PAYLOAD", "The webhook event's id or type is too long", Map.of());
        }
        boolean fresh = repository.insertEvent(event.id(), event.type(), payload, clock.instant());
        if (fresh) {
            worker.nudge();
        } else {
            log.info("webhook event {} ({}) received again: nothing to do", event.id(), event.type());
        }
        return new Received(true, event.id(), event.type(), !fresh);
    }

    /** An event's top-level {@code id} and {@code type} (null when absent or not strings). */
    record Head(String id, String type) {
    }

    /**
     * Reads {@code payload} through to its end as one JSON object and keeps its top-level {@code id} and {@code type};
     * anything that is not one well-formed object (with nothing after it) throws.
     */
    static Head head(JsonMapper json, String payload) {
        String id = null;
        String type = null;
        try (JsonParser parser = json.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && "id".equals(name)) {
                    id = parser.getString();
                } else if (value == JsonToken.VALUE_STRING && "type".equals(name)) {
                    type = parser.getString();
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IllegalArgumentException("not one JSON object");
            }
        }
        return new Head(id, type);
    }
}
