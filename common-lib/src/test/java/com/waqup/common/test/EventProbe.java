package com.waqup.common.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.Events;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tests' ear and mouth on the real {@value Events#EXCHANGE} exchange: {@link #listen} binds a private, exclusive
 * queue to routing keys and {@link #await} returns the first event matching a condition; {@link #publish} sends an
 * event as another service would.
 */
public final class EventProbe implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RabbitTemplate rabbit;
    private final AmqpAdmin admin;
    private final Queue queue;
    private final List<JsonNode> seen = new ArrayList<>();

    private EventProbe(RabbitTemplate rabbit, AmqpAdmin admin, Queue queue) {
        this.rabbit = rabbit;
        this.admin = admin;
        this.queue = queue;
    }

    public static EventProbe listen(RabbitTemplate rabbit, AmqpAdmin admin, String... routingKeys) {
        // exclusive (gone with the connection) but not auto-delete: every receive() is a new consumer, and an
        // auto-delete queue would vanish when the first one cancels
        Queue queue = new Queue("test.probe." + UUID.randomUUID(), false, true, false);
        admin.declareQueue(queue);
        TopicExchange events = new TopicExchange(Events.EXCHANGE, true, false);
        for (String key : routingKeys) {
            admin.declareBinding(BindingBuilder.bind(queue).to(events).with(key));
        }
        return new EventProbe(rabbit, admin, queue);
    }

    /** Sends {@code data} as an event of {@code type}, with a fresh event id; returns the id. */
    public static UUID publish(RabbitTemplate rabbit, String type, Object data) {
        UUID id = UUID.randomUUID();
        publish(rabbit, id, type, data);
        return id;
    }

    public static void publish(RabbitTemplate rabbit, UUID eventId, String type, Object data) {
        rabbit.convertAndSend(Events.EXCHANGE, type, new EventEnvelope<>(eventId, type, Instant.now(), "test-" + eventId, data));
    }

    /** The first event (whole envelope) matching {@code match}, received within {@code timeout}; fails otherwise. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        for (JsonNode event : seen) {
            if (match.test(event)) {
                return event;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = rabbit.receive(queue.getName(), 200);
            if (message != null) {
                JsonNode event = JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
                seen.add(event);
                if (match.test(event)) {
                    return event;
                }
            }
        }
        throw new AssertionError("no matching event within " + timeout + "; received: " + seen);
    }

    /** Every event received so far plus those arriving within {@code quiet}. */
    public List<JsonNode> all(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = rabbit.receive(queue.getName(), 100);
            if (message != null) {
                seen.add(JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8)));
            }
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        admin.deleteQueue(queue.getName());
    }
}
