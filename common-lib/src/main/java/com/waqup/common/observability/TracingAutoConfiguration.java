package com.waqup.common.observability;

import io.micrometer.context.ContextSnapshotFactory;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Keeps one trace across a thread hop: Boot applies this decorator to the application's task executor, so
 * {@code @Async} work (the outbox relay, which sends an event after commit) continues the span of the request that
 * caused it, and the RabbitMQ message it sends carries that trace's {@code traceparent} on to the consumer.
 * The rest of tracing is Spring Boot's (OpenTelemetry bridge, OTLP exporter) with the platform's defaults in
 * {@link com.waqup.common.config.WaqupDefaultsEnvironmentPostProcessor}; docs/observability.md.
 */
@AutoConfiguration
@ConditionalOnClass(ContextSnapshotFactory.class)
public class TracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(TaskDecorator.class)
    ContextPropagatingTaskDecorator contextPropagatingTaskDecorator() {
        return new ContextPropagatingTaskDecorator();
    }

    /**
     * {@code waqup.tracing.log-spans=true} (env {@code WAQUP_TRACING_LOG_SPANS}): every finished span is also written to
     * the service's log (logger {@code io.opentelemetry.exporter.logging}), so a developer sees whole traces with no
     * collector running: {@code grep <trace id> .run/logs/*.log}. Off by default; besides an OTLP endpoint, not instead.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LoggingSpanExporter.class)
    @ConditionalOnProperty(name = "waqup.tracing.log-spans", havingValue = "true")
    static class SpansInTheLog {

        @Bean
        LoggingSpanExporter waqupLoggingSpanExporter() {
            return LoggingSpanExporter.create();
        }
    }
}
