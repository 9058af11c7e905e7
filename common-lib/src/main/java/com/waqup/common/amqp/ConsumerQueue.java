package com.waqup.common.amqp;

import java.util.ArrayList;
import java.util.List;

import com.waqup.common.events.Events;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * A consumer's own durable queue on {@value Events#EXCHANGE}, bound to the routing keys it handles, with its
 * dead-letter queue {@code <name>.dlq}: a message that still fails after the listener's retries is parked
 * there (through {@value Events#DEAD_LETTER_EXCHANGE}), never lost and never redelivered in a loop.
 * Declare it as a bean: {@code @Bean Declarables queue() { return ConsumerQueue.declare("credit.user-registered", "user.registered"); }}
 */
public final class ConsumerQueue {

    private ConsumerQueue() {
    }

    public static Declarables declare(String name, String... routingKeys) {
        Queue queue = QueueBuilder.durable(name)
                .deadLetterExchange(Events.DEAD_LETTER_EXCHANGE)
                .deadLetterRoutingKey(name)
                .build();
        Queue deadLetters = QueueBuilder.durable(name + ".dlq").build();
        TopicExchange events = new TopicExchange(Events.EXCHANGE, true, false);
        DirectExchange dlx = new DirectExchange(Events.DEAD_LETTER_EXCHANGE, true, false);
        List<Declarable> all = new ArrayList<>(List.of(queue, deadLetters,
                BindingBuilder.bind(deadLetters).to(dlx).with(name)));
        for (String key : routingKeys) {
            Binding binding = BindingBuilder.bind(queue).to(events).with(key);
            all.add(binding);
        }
        return new Declarables(all);
    }
}
