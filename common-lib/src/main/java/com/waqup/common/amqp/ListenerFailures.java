package com.waqup.common.amqp;

import com.waqup.common.events.InvalidEventException;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;

/**
 * The one policy for a listener that fails: a poison message goes to the consumer's dead-letter queue at once, and
 * anything else is a transient failure (the database, another service, a lock), retried with backoff
 * ({@code spring.rabbitmq.listener.simple.retry.*}), then dead-lettered. Nothing is requeued in a loop, nothing lost.
 * A message is poison when it cannot be read as the consumer's event (a conversion failure of Spring AMQP or of
 * Spring Messaging, whose class has the same simple name and is written out in full below) or when its data breaks
 * the contract ({@link InvalidEventException}).
 */
public final class ListenerFailures {

    private ListenerFailures() {
    }

    /** {@code true} when retrying cannot help: the message itself is wrong. */
    public static boolean poison(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidEventException || t instanceof AmqpRejectAndDontRequeueException
                    || t instanceof MessageConversionException
                    || t instanceof org.springframework.messaging.converter.MessageConversionException
                    || t instanceof MethodArgumentResolutionException) {
                return true;
            }
        }
        return false;
    }

    /** {@code true} when the same message may be handled on another attempt. */
    public static boolean retryable(Throwable failure) {
        return !poison(failure);
    }
}
