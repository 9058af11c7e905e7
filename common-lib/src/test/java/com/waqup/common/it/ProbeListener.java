package com.waqup.common.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.waqup.common.correlation.CorrelationId;
import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.EventValidation;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotNull;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

/** Receives probe events from the real {@code waqup.events} exchange and records what it saw. */
@Configuration(proxyBeanMethods = false)
class ProbeListener {

    static final String ROUTING_KEY = "probe.happened";
    static final BlockingQueue<Map<String, Object>> RECEIVED = new LinkedBlockingQueue<>();

    @Bean
    static Queue probeQueue() {
        return new AnonymousQueue();
    }

    @Bean
    static Binding probeBinding(Queue probeQueue, TopicExchange waqupEventsExchange) {
        return BindingBuilder.bind(probeQueue).to(waqupEventsExchange).with(ROUTING_KEY);
    }

    static final String CHECKED = "probe.checked";
    static final String CHECKED_QUEUE = "common-probe.checked";
    static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    /** What the probe consumer needs of a {@code probe.checked} event. */
    record Checked(@NotNull String probeId, boolean fail) {
    }

    @Bean
    static Declarables checkedQueue() {
        return ConsumerQueue.declare(CHECKED_QUEUE, CHECKED);
    }

    /** A consumer under the platform's bad-message policy: counts its attempts, fails when the event says so. */
    @RabbitListener(queues = CHECKED_QUEUE)
    void onChecked(EventEnvelope<Checked> event, @Header("probe_key") String key) {
        ATTEMPTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Checked checked = EventValidation.valid(event, Validation.buildDefaultValidatorFactory().getValidator());
        if (checked.fail()) {
            throw new IllegalStateException("a dependency of the probe is down");
        }
    }

    @RabbitListener(queues = "#{probeQueue.name}")
    void on(EventEnvelope<Map<String, Object>> event) {
        RECEIVED.add(Map.of("event", event, "mdc_correlation_id", String.valueOf(CorrelationId.current())));
    }
}
