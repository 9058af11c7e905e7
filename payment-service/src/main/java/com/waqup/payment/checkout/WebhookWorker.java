package com.waqup.payment.checkout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.waqup.payment.config.PaymentProperties;
import jakarta.annotation.PreDestroy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Handles stored webhook events after the 2xx: at once when one arrives, and by polling for anything due (a restart,
 * another instance's events, retries). Each event is handled in its own transaction holding its row
 * ({@code for update skip locked}, so two workers never handle one event); a failure rolls its effects back and the
 * event is tried again later with exponential backoff (0.5 s doubling, at most {@code webhook-max-backoff}) — an
 * event that depends on one not yet received (a refund before its payment) simply waits for it. Never lost.
 */
@Component
class WebhookWorker {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);
    private static final int BATCH = 100;

    private final PurchaseRepository repository;
    private final WebhookHandlers handlers;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration maxBackoff;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "webhook-worker");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Counter handlingFailures;
    private final Counter waitingForOrder;

    WebhookWorker(PurchaseRepository repository, WebhookHandlers handlers, TransactionTemplate tx, JsonMapper json,
            Clock clock, PaymentProperties properties, MeterRegistry meters) {
        this.handlingFailures = failures(meters, "handling", "error");
        this.waitingForOrder = failures(meters, "handling", "not_yet_known");
        this.repository = repository;
        this.handlers = handlers;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.maxBackoff = properties.webhookMaxBackoff();
    }

    /** A new event is stored: handle what is due soon, off the request thread. */
    void nudge() {
        if (pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                drain();
            });
        }
    }

    @Scheduled(fixedDelayString = "${waqup.payments.webhook-poll-millis:500}")
    void poll() {
        drain();
    }

    /** Handles every event due now; answers how many were handled. */
    int drain() {
        int handled = 0;
        for (int round = 0; round < 50; round++) {
            List<String> due;
            try {
                due = repository.dueEvents(clock.instant(), BATCH);
            } catch (RuntimeException e) {
                log.warn("webhook events could not be read: {}", e.getMessage());
                return handled;
            }
            for (String id : due) {
                if (handleOne(id)) {
                    handled++;
                }
            }
            if (due.size() < BATCH) {
                break;
            }
        }
        return handled;
    }

    private boolean handleOne(String id) {
        try {
            Boolean done = tx.execute(s -> repository.claimEvent(id).map(event -> {
                JsonNode root = json.readTree(event.payload());
                handlers.handle(event.type(), root);
                repository.handled(id, clock.instant());
                return true;
            }).orElse(false));
            return Boolean.TRUE.equals(done);
        } catch (RuntimeException e) {
            try {
                int attempts = repository.attemptsOf(id);
                long millis = Math.min(maxBackoff.toMillis(), 500L << Math.min(attempts, 20));
                Instant next = clock.instant().plusMillis(millis);
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                repository.failed(id, next, error.length() > 1000 ? error.substring(0, 1000) : error);
                if (e instanceof WebhookHandlers.NotYetKnown) {
                    waitingForOrder.increment();
                    log.info("webhook event {} waits for {} (attempt {}, again in {} ms)", id, e.getMessage(), attempts + 1, millis);
                } else {
                    handlingFailures.increment();
                    log.warn("webhook event {} failed (attempt {}, again in {} ms)", id, attempts + 1, millis, e);
                }
            } catch (RuntimeException again) {
                log.warn("webhook event {} failed and its retry could not be recorded: {}", id, again.getMessage());
            }
            return false;
        }
    }

    /**
     * {@code waqup_webhook_failures_total{stage, reason}}: webhooks refused at intake ({@code signature}, {@code payload})
     * and stored events whose handling failed and will be retried ({@code error}; {@code not_yet_known}: an event that
     * arrived before the checkout it belongs to).
     */
    static Counter failures(MeterRegistry meters, String stage, String reason) {
        return Counter.builder("waqup.webhook.failures").tag("stage", stage).tag("reason", reason)
                .description("Stripe webhooks refused at intake or whose handling failed (retried)").register(meters);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
