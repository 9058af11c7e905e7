package com.waqup.common.test;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Each test context also starts from empty queues: before the listeners start, every queue the service declares is
 * purged. The test vhost is shared by every module's tests, and a durable queue keeps what other modules' tests
 * published while this service was not running (content-generation's tests request audio, for instance); a test
 * must not wait behind that backlog. The counterpart of {@link FreshSchemaConfiguration} for the broker.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.amqp.rabbit.core.RabbitAdmin")
public class FreshQueuesConfiguration {

    @Bean
    SmartLifecycle freshQueues(ApplicationContext context) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                AmqpAdmin admin = context.getBeanProvider(AmqpAdmin.class).getIfAvailable();
                if (admin != null) {
                    Set<String> names = new LinkedHashSet<>();
                    context.getBeansOfType(Queue.class).values().forEach(q -> names.add(q.getName()));
                    context.getBeansOfType(Declarables.class).values()
                            .forEach(d -> d.getDeclarablesByType(Queue.class).forEach(q -> names.add(q.getName())));
                    for (String name : names) {
                        try {
                            admin.purgeQueue(name, false);
                        } catch (RuntimeException absent) {
                            // not declared (yet): nothing to purge
                        }
                    }
                }
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MIN_VALUE + 1000; // before the listener containers (Integer.MAX_VALUE)
            }
        };
    }
}
