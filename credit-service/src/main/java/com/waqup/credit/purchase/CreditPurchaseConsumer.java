package com.waqup.credit.purchase;

import java.time.Instant;
import java.util.UUID;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.inbox.Inbox;
import com.waqup.credit.ledger.LedgerService;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credit packs bought and refunded through payment-service (docs/credits.md), each on its own queue (+ DLQ):
 * {@code payment.succeeded} of kind {@code credit_pack} adds a {@code purchase} entry once per payment,
 * {@code payment.refunded} of kind {@code credit_pack} reverses the refunded credits up to what is unspent. Idempotent
 * by {@code event_id} (inbox), and again by payment and refund id in the ledger; other kinds are ignored.
 */
@Configuration(proxyBeanMethods = false)
class CreditPurchaseConsumer {

    static final String PAYMENTS = "credit.payment-succeeded";
    static final String REFUNDS = "credit.payment-refunded";
    static final String CREDIT_PACK = "credit_pack";
    private static final Logger log = LoggerFactory.getLogger(CreditPurchaseConsumer.class);

    /** Only what credit-service reads of payment-service's event. */
    record PaymentSucceeded(@NotNull UUID paymentId, @NotNull UUID userId, @NotBlank String kind, String creditPack,
            @Min(0) Integer credits, Instant occurredAt) {

        static final String TYPE = "payment.succeeded";
    }

    record PaymentRefunded(@NotNull UUID paymentId, @NotNull UUID refundId, @NotNull UUID userId, @NotBlank String kind,
            String creditPack, @Min(0) Integer credits, @NotNull @Min(0) Long amountMinor, @NotNull @Min(0) Long refundedMinor) {

        static final String TYPE = "payment.refunded";
    }

    @Bean
    static Declarables creditPaymentsQueue() {
        return ConsumerQueue.declare(PAYMENTS, PaymentSucceeded.TYPE);
    }

    @Bean
    static Declarables creditRefundsQueue() {
        return ConsumerQueue.declare(REFUNDS, PaymentRefunded.TYPE);
    }

    @Bean
    Listeners creditPurchaseListeners(Inbox inbox, LedgerService ledger) {
        return new Listeners(inbox, ledger);
    }

    static class Listeners {

        private final Inbox inbox;
        private final LedgerService ledger;

        Listeners(Inbox inbox, LedgerService ledger) {
            this.inbox = inbox;
            this.ledger = ledger;
        }

        @RabbitListener(queues = PAYMENTS)
        @Transactional
        public void onPayment(EventEnvelope<PaymentSucceeded> event) {
            inbox.handleOnce(event, d -> {
                if (!CREDIT_PACK.equals(d.kind())) {
                    return;
                }
                if (d.credits() == null || d.credits() <= 0 || d.creditPack() == null) {
                    log.warn("payment.succeeded {} of kind credit_pack names no credits: ignored", event.eventId());
                    return;
                }
                ledger.purchaseFromPayment(d.userId(), d.credits(), d.creditPack(), d.paymentId());
            });
        }

        @RabbitListener(queues = REFUNDS)
        @Transactional
        public void onRefund(EventEnvelope<PaymentRefunded> event) {
            inbox.handleOnce(event, d -> {
                if (CREDIT_PACK.equals(d.kind()) && d.credits() != null && d.credits() > 0) {
                    ledger.refundPurchase(d.userId(), d.paymentId(), d.refundId(), d.credits(), d.amountMinor(),
                            d.refundedMinor());
                }
            });
        }
    }
}
