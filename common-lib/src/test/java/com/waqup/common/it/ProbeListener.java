package com.waqup.common.it;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.waqup.common.correlation.CorrelationId;
import com.waqup.common.events.EventEnvelope;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    @RabbitListener(queues = "#{probeQueue.name}")
    void on(EventEnvelope<Map<String, Object>> event) {
        RECEIVED.add(Map.of("event", event, "mdc_correlation_id", String.valueOf(CorrelationId.current())));
    }
}
