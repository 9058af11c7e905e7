package com.waqup.common.privacy;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.inbox.Inbox;
import com.waqup.common.inbox.InboxAutoConfiguration;
import com.waqup.common.outbox.IntegrationEvents;
import com.waqup.common.outbox.OutboxAutoConfiguration;

/**
 * The privacy participant of a service that declares a {@link PersonalData} bean: its export endpoint and its
 * {@code user.deletion_requested} consumer (queue {@code <service>.user-deletion} with its DLQ). The service name
 * in events and exports is {@code spring.application.name} without {@code -service}.
 */
@AutoConfiguration(after = { InboxAutoConfiguration.class, OutboxAutoConfiguration.class })
@ConditionalOnClass(RabbitTemplate.class)
@ConditionalOnBean(PersonalData.class)
public class PrivacyAutoConfiguration {

    static String serviceName(String applicationName) {
        return applicationName.endsWith("-service")
                ? applicationName.substring(0, applicationName.length() - "-service".length())
                : applicationName;
    }

    @Bean
    String userDeletionQueueName(@Value("${spring.application.name}") String applicationName) {
        return serviceName(applicationName) + ".user-deletion";
    }

    @Bean
    Declarables userDeletionQueue(String userDeletionQueueName) {
        return ConsumerQueue.declare(userDeletionQueueName, UserDeletionRequested.TYPE);
    }

    @Bean
    UserDeletionListener userDeletionListener(PersonalData personalData, Inbox inbox, IntegrationEvents events,
            PlatformTransactionManager transactions, @Value("${spring.application.name}") String applicationName) {
        return new UserDeletionListener(personalData, inbox, events, new TransactionTemplate(transactions),
                serviceName(applicationName));
    }

    @Bean
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    PersonalDataExportController personalDataExportController(PersonalData personalData,
            @Value("${spring.application.name}") String applicationName) {
        return new PersonalDataExportController(personalData, serviceName(applicationName));
    }
}
