package com.waqup.common.outbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.waqup.common.correlation.CorrelationId;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends each committed {@link EventEnvelope} from the outbox to the {@value Events#EXCHANGE} exchange and
 * waits for the broker's publisher confirm. Only a confirmed send completes the publication in the
 * outbox; a nack, a timeout or a broker that is down leaves it incomplete for {@link OutboxResubmitter}.
 * It runs after commit on the application's task executor, never on the request's thread: the request's
 * database connection is released at once and no request waits for the broker (holding it while the outbox
 * bookkeeping needed a second connection exhausted the pool under load).
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private final RabbitTemplate rabbit;
    private final Duration confirmTimeout;

    public OutboxRelay(RabbitTemplate rabbit, Duration confirmTimeout) {
        this.rabbit = rabbit;
        this.confirmTimeout = confirmTimeout;
    }

    @Async
    @TransactionalEventListener
    public void relay(EventEnvelope<?> event) throws Exception {
        String previous = MDC.get(CorrelationId.MDC_KEY);
        MDC.put(CorrelationId.MDC_KEY, event.correlationId() != null ? event.correlationId() : CorrelationId.generate());
        try {
            CorrelationData confirm = new CorrelationData(event.eventId().toString());
            rabbit.convertAndSend(Events.EXCHANGE, event.type(), event, confirm);
            CorrelationData.Confirm result = confirm.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!result.ack()) {
                throw new IllegalStateException("broker refused event " + event.eventId() + ": " + result.reason());
            }
            log.debug("event {} {} relayed", event.type(), event.eventId());
        } catch (Exception e) {
            log.warn("event {} {} not relayed yet, it stays in the outbox: {}", event.type(), event.eventId(), e.toString());
            throw e;
        } finally {
            if (previous != null) {
                MDC.put(CorrelationId.MDC_KEY, previous);
            } else {
                MDC.remove(CorrelationId.MDC_KEY);
            }
        }
    }
}
