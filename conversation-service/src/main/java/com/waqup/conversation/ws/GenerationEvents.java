package com.waqup.conversation.ws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.Events;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pushes generation news to the person's open WebSockets. Every instance has its own auto-deleted queue
 * (the person's connection may be on any instance), bound to {@code content.ready}, {@code generation.failed}
 * and {@code generation.progress}. Missing a push is harmless: the state is always at GET /api/v1/generations/{id}.
 */
@Configuration(proxyBeanMethods = false)
class GenerationEvents {

    @Bean
    static AnonymousQueue generationNewsQueue() {
        return new AnonymousQueue();
    }

    @Bean
    static Declarables generationNewsBindings(AnonymousQueue generationNewsQueue) {
        TopicExchange events = new TopicExchange(Events.EXCHANGE, true, false);
        Binding ready = BindingBuilder.bind(generationNewsQueue).to(events).with("content.ready");
        Binding failed = BindingBuilder.bind(generationNewsQueue).to(events).with("generation.failed");
        Binding progress = BindingBuilder.bind(generationNewsQueue).to(events).with("generation.progress");
        return new Declarables(ready, failed, progress);
    }

    @Bean
    Relay generationNewsRelay(ConversationSocket socket) {
        return new Relay(socket);
    }

    static class Relay {

        private final ConversationSocket socket;

        Relay(ConversationSocket socket) {
            this.socket = socket;
        }

        @RabbitListener(queues = "#{generationNewsQueue.name}")
        public void on(EventEnvelope<Map<String, Object>> event) {
            Map<String, Object> data = event.data();
            Object owner = data.getOrDefault("user_id", data.get("owner_id"));
            if (owner == null) {
                return;
            }
            Object ritual = data.getOrDefault("ritual_id", data.getOrDefault("content_id", data.get("job_id")));
            Map<String, Object> frame = new LinkedHashMap<>();
            switch (event.type()) {
                case "content.ready" -> {
                    frame.put("type", "ready");
                    frame.put("ritual_id", ritual);
                    frame.put("title", data.get("title"));
                }
                case "generation.failed" -> {
                    frame.put("type", "error");
                    frame.put("code", "GENERATION_FAILED");
                    frame.put("ritual_id", ritual);
                    frame.put("message", "We couldn't finish creating it; your credits were released.");
                    frame.put("reason", data.get("reason"));
                }
                default -> {
                    frame.put("type", "progress");
                    frame.put("ritual_id", ritual);
                    frame.put("status", data.get("status"));
                    frame.put("progress", data.get("progress"));
                }
            }
            socket.push(UUID.fromString(owner.toString()), frame);
        }
    }
}
