package com.waqup.common.outbox;

import java.time.Duration;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The transactional outbox: Spring Modulith's JDBC publication registry, relayed to RabbitMQ with confirms. */
@AutoConfiguration(afterName = { "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
        "org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
        "org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration" })
@ConditionalOnClass({ IncompleteEventPublications.class, RabbitTemplate.class })
@EnableScheduling
@EnableAsync
public class OutboxAutoConfiguration {

    @Bean
    IntegrationEvents integrationEvents(ApplicationEventPublisher publisher) {
        return new IntegrationEvents(publisher);
    }

    @Bean
    @ConditionalOnBean(RabbitTemplate.class)
    OutboxRelay outboxRelay(RabbitTemplate rabbit, @Value("${waqup.outbox.confirm-timeout:5s}") Duration confirmTimeout) {
        return new OutboxRelay(rabbit, confirmTimeout);
    }

    @Bean
    @ConditionalOnBean(IncompleteEventPublications.class)
    OutboxResubmitter outboxResubmitter(IncompleteEventPublications incomplete,
            @Value("${waqup.outbox.resubmit-older-than:30s}") Duration olderThan) {
        return new OutboxResubmitter(incomplete, olderThan);
    }
}
