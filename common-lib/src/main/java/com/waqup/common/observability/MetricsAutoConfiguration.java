package com.waqup.common.observability;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The platform's backlog metrics, the same in every service (docs/observability.md):
 * <ul>
 * <li>{@code waqup_outbox_backlog}: events committed but not yet confirmed by RabbitMQ, and
 * {@code waqup_outbox_oldest_age_seconds}: how long the oldest of them has waited;</li>
 * <li>{@code waqup_queue_depth{queue}} and {@code waqup_dlq_depth{queue}}: messages waiting in each of the
 * service's own consumer queues and in its dead-letter queues ({@code *.dlq}).</li>
 * </ul>
 * Each part only where the service has what it measures (the gateway has neither a database nor RabbitMQ).
 */
@AutoConfiguration(afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
public class MetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    BacklogGauges waqupBacklogGauges(MeterRegistry meters,
            @Value("${waqup.metrics.backlog-refresh-interval:15s}") Duration interval) {
        return new BacklogGauges(meters, interval);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "org.springframework.jdbc.core.JdbcTemplate",
            "org.springframework.modulith.events.IncompleteEventPublications" })
    static class OutboxBacklog {

        @Bean
        InitializingBean waqupOutboxBacklog(ObjectProvider<BacklogGauges> gauges, ObjectProvider<DataSource> dataSource) {
            return () -> {
                BacklogGauges g = gauges.getIfAvailable();
                DataSource db = dataSource.getIfUnique();
                if (g == null || db == null) {
                    return;
                }
                JdbcTemplate jdbc = new JdbcTemplate(db);
                jdbc.setQueryTimeout(5);
                g.register("waqup.outbox.backlog", Tags.empty(),
                        "Events committed to the outbox and not yet confirmed by RabbitMQ", null,
                        () -> jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL",
                                Double.class));
                g.register("waqup.outbox.oldest.age", Tags.empty(),
                        "Seconds the oldest unrelayed outbox event has waited (0 when the outbox is empty)", "seconds",
                        () -> jdbc.queryForObject("SELECT coalesce(extract(epoch FROM now() - min(publication_date)), 0) "
                                + "FROM event_publication WHERE completion_date IS NULL", Double.class));
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.amqp.core.AmqpAdmin")
    static class QueueDepths {

        @Bean
        InitializingBean waqupQueueDepths(ObjectProvider<BacklogGauges> gauges, ObjectProvider<AmqpAdmin> amqpAdmin,
                ObjectProvider<Queue> queues, ObjectProvider<Declarables> declarables) {
            return () -> {
                BacklogGauges g = gauges.getIfAvailable();
                AmqpAdmin admin = amqpAdmin.getIfUnique();
                if (g == null || admin == null) {
                    return;
                }
                Set<String> names = new LinkedHashSet<>();
                queues.orderedStream().filter(QueueDepths::owned).forEach(q -> names.add(q.getName()));
                declarables.orderedStream().flatMap(d -> d.getDeclarablesByType(Queue.class).stream())
                        .filter(QueueDepths::owned).forEach(q -> names.add(q.getName()));
                for (String name : names) {
                    boolean dlq = name.endsWith(".dlq");
                    g.register(dlq ? "waqup.dlq.depth" : "waqup.queue.depth", Tags.of("queue", name),
                            dlq ? "Messages parked in a dead-letter queue" : "Messages waiting in a consumer queue", null,
                            () -> depth(admin, name));
                }
            };
        }

        /** A durable queue the service declares for itself (not a test's or a reply's temporary queue). */
        private static boolean owned(Queue queue) {
            return queue.isDurable() && !queue.isExclusive() && !queue.isAutoDelete() && !queue.getName().startsWith("amq.");
        }

        private static Double depth(AmqpAdmin admin, String queue) {
            QueueInformation info = admin.getQueueInfo(queue);
            return info == null ? Double.NaN : (double) info.getMessageCount();
        }
    }
}
