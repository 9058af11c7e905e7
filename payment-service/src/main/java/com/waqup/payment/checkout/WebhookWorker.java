package com.waqup.payment.checkout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
 * another instance's events, retries). {@code waqup.payments.webhook-workers} threads (default 1) work side by side; each
 * handles one event per transaction, holding its row ({@code for update skip locked}: the next due event nobody
 * holds, so two workers, here or in another instance, never handle one event). The handlers lock the rows an event
 * changes (the checkout session, the subscription, the payment), so two events about one purchase never race. A
 * failure rolls its effects back and the event is tried again later with exponential backoff (0.5 s doubling, at most
 * {@code webhook-max-backoff}) — an event that depends on one not yet received (a refund before its payment) simply
 * waits for it. Never lost.
 */
@Component
class WebhookWorker {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);
    private final PurchaseRepository repository;
    private final WebhookHandlers handlers;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration maxBackoff;
    private final int workers;
    private final ExecutorService executor;
    /** Workers running; a nudge starts one more, up to {@link #workers}. */
    private final AtomicInteger active = new AtomicInteger();
    /** An event arrived since a worker last found nothing due: look again before stopping. */
    private final AtomicBoolean more = new AtomicBoolean();
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
        this.workers = Math.max(1, properties.webhookWorkers());
        AtomicInteger names = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "webhook-worker-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A new event is stored: handle what is due, off the request thread, with one more worker if one is free. */
    void nudge() {
        more.set(true);
        for (int n = active.get(); n < workers; n = active.get()) {
            if (active.compareAndSet(n, n + 1)) {
                try {
                    executor.execute(this::work);
                } catch (RejectedExecutionException e) {
                    active.decrementAndGet(); // shutting down
                }
                return;
            }
        }
    }

    @Scheduled(fixedDelayString = "${waqup.payments.webhook-poll-millis:500}")
    void poll() {
        nudge();
    }

    private void work() {
        try {
            do {
                more.set(false);
                while (handleNext() && !Thread.currentThread().isInterrupted()) {
                    // one event per transaction until none is due
                }
            } while (more.get() && !Thread.currentThread().isInterrupted());
        } finally {
            active.decrementAndGet();
        }
        if (more.get()) {
            nudge(); // an event arrived between this worker's last look and its stop
        }
    }

    /** Claims and handles the next due event; false when there was none (or the database could not be read). */
    private boolean handleNext() {
        AtomicReference<PurchaseRepository.StoredEvent> claimed = new AtomicReference<>();
        try {
            return Boolean.TRUE.equals(tx.execute(s -> repository.claimNextDue(clock.instant()).map(event -> {
                claimed.set(event);
                JsonNode root = json.readTree(event.payload());
                handlers.handle(event.type(), root);
                repository.handled(event.id(), clock.instant());
                return true;
            }).orElse(false)));
        } catch (RuntimeException e) {
            PurchaseRepository.StoredEvent event = claimed.get();
            if (event == null) {
                log.warn("webhook events could not be read: {}", e.getMessage());
                return false;
            }
            // its next attempt is in the future: go on with the others; unrecorded, stop (the poll comes back to it)
            return recordFailure(event, e);
        }
    }

    /** Puts the event's next attempt off (backoff); false when that could not be written. */
    private boolean recordFailure(PurchaseRepository.StoredEvent event, RuntimeException e) {
        String id = event.id();
        try {
            int attempts = event.attempts();
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
            return true;
        } catch (RuntimeException again) {
            log.warn("webhook event {} failed and its retry could not be recorded: {}", id, again.getMessage());
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
