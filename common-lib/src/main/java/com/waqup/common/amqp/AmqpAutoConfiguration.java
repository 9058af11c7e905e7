package com.waqup.common.amqp;

import com.waqup.common.correlation.CorrelationId;
import com.waqup.common.events.Events;
import org.slf4j.MDC;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.RabbitListenerRetrySettingsCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messaging defaults: the {@value Events#EXCHANGE} topic exchange and its dead-letter exchange, JSON
 * messages with the platform's JSON conventions, the correlation id carried in the {@code X-Correlation-Id} header
 * of every message sent and restored into the MDC for every message received, and the one bad-message policy
 * ({@link ListenerFailures}: poison to the dead-letter queue at once, transient failures retried).
 */
@AutoConfiguration(before = RabbitAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({ RabbitTemplate.class, JsonMapper.class })
public class AmqpAutoConfiguration {

    @Bean
    TopicExchange waqupEventsExchange() {
        return new TopicExchange(Events.EXCHANGE, true, false);
    }

    @Bean
    DirectExchange waqupDeadLetterExchange() {
        return new DirectExchange(Events.DEAD_LETTER_EXCHANGE, true, false);
    }

    @Bean
    @ConditionalOnMissingBean(MessageConverter.class)
    MessageConverter waqupJsonMessageConverter(JsonMapper jsonMapper) {
        return new JacksonJsonMessageConverter(jsonMapper);
    }

    /** Listener retries skip poison messages (see {@link ListenerFailures}): they go to the dead-letter queue at once. */
    @Bean
    RabbitListenerRetrySettingsCustomizer poisonMessagesAreNotRetried() {
        return settings -> settings.setExceptionPredicate(ListenerFailures::retryable);
    }

    @Bean
    RabbitTemplateCustomizer correlationIdOnSend() {
        return template -> template.addBeforePublishPostProcessors(message -> {
            String id = CorrelationId.current();
            if (id != null && message.getMessageProperties().getHeader(CorrelationId.HEADER) == null) {
                message.getMessageProperties().setHeader(CorrelationId.HEADER, id);
            }
            return message;
        });
    }

    @Bean
    ContainerCustomizer<SimpleMessageListenerContainer> correlationIdOnReceive() {
        // runs on the consumer thread right before the listener; each message replaces the previous id
        return container -> container.addAfterReceivePostProcessors(message -> {
            String id = message.getMessageProperties().getHeader(CorrelationId.HEADER);
            MDC.put(CorrelationId.MDC_KEY, CorrelationId.acceptOrGenerate(id));
            return message;
        });
    }
}
