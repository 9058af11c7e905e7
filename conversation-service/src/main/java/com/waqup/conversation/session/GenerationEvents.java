package com.waqup.conversation.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.EventValidation;
import com.waqup.common.events.Events;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pushes generation news to the person's open WebSockets. Every instance has its own auto-deleted queue per event
 * (the person's connection may be on any instance) for {@code content.ready}, {@code generation.failed} and
 * {@code generation.progress}, each read into a record of what the push needs. Missing a push is harmless: the state
 * is always at GET /api/v1/generations/{id}; an event without its ritual or owner is dropped.
 */
@Configuration(proxyBeanMethods = false)
class GenerationEvents {

    /** What a push reads of content-generation's {@code content.ready}. */
    record ContentReady(@NotNull UUID ritualId, @NotNull UUID userId, String title) {

        static final String TYPE = "content.ready";
    }

    /** What a push reads of {@code generation.failed}. */
    record GenerationFailed(@NotNull UUID ritualId, @NotNull UUID userId, String reason) {

        static final String TYPE = "generation.failed";
    }

    /** What a push reads of {@code generation.progress}. */
    record GenerationProgress(@NotNull UUID ritualId, @NotNull UUID userId, String status, Integer progress) {

        static final String TYPE = "generation.progress";
    }

    @Bean
    static AnonymousQueue readyNewsQueue() {
        return new AnonymousQueue();
    }

    @Bean
    static AnonymousQueue failedNewsQueue() {
        return new AnonymousQueue();
    }

    @Bean
    static AnonymousQueue progressNewsQueue() {
        return new AnonymousQueue();
    }

    @Bean
    static Binding readyNewsBinding(AnonymousQueue readyNewsQueue) {
        return BindingBuilder.bind(readyNewsQueue).to(exchange()).with(ContentReady.TYPE);
    }

    @Bean
    static Binding failedNewsBinding(AnonymousQueue failedNewsQueue) {
        return BindingBuilder.bind(failedNewsQueue).to(exchange()).with(GenerationFailed.TYPE);
    }

    @Bean
    static Binding progressNewsBinding(AnonymousQueue progressNewsQueue) {
        return BindingBuilder.bind(progressNewsQueue).to(exchange()).with(GenerationProgress.TYPE);
    }

    private static TopicExchange exchange() {
        return new TopicExchange(Events.EXCHANGE, true, false);
    }

    @Bean
    Relay generationNewsRelay(ConversationSocket socket, Validator validator) {
        return new Relay(socket, validator);
    }

    static class Relay {

        private final ConversationSocket socket;
        private final Validator validator;

        Relay(ConversationSocket socket, Validator validator) {
            this.socket = socket;
            this.validator = validator;
        }

        @RabbitListener(queues = "#{readyNewsQueue.name}")
        public void onReady(EventEnvelope<ContentReady> event) {
            ContentReady ready = EventValidation.valid(event, validator);
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "ready");
            frame.put("ritual_id", ready.ritualId());
            frame.put("title", ready.title());
            socket.push(ready.userId(), frame);
        }

        @RabbitListener(queues = "#{failedNewsQueue.name}")
        public void onFailed(EventEnvelope<GenerationFailed> event) {
            GenerationFailed failed = EventValidation.valid(event, validator);
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "error");
            frame.put("code", "GENERATION_FAILED");
            frame.put("ritual_id", failed.ritualId());
            frame.put("message", "We couldn't finish creating it; your credits were released.");
            frame.put("reason", failed.reason());
            socket.push(failed.userId(), frame);
        }

        @RabbitListener(queues = "#{progressNewsQueue.name}")
        public void onProgress(EventEnvelope<GenerationProgress> event) {
            GenerationProgress progress = EventValidation.valid(event, validator);
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "progress");
            frame.put("ritual_id", progress.ritualId());
            frame.put("status", progress.status());
            frame.put("progress", progress.progress());
            socket.push(progress.userId(), frame);
        }
    }
}
