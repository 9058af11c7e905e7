package com.waqup.common.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The platform's defaults, added with the lowest precedence: a service's {@code application.yml}, the
 * environment and the command line all override them. They make every service the same shape: JSON logs,
 * probes, a readiness group that reflects only what a pod needs to serve its own requests, Prometheus, bounded
 * timeouts.
 */
public class WaqupDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "waqupDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> d = new LinkedHashMap<>();
        // structured JSON logs (ECS) with the service name; MDC (correlation_id, traceId, spanId) included
        d.put("logging.structured.format.console", "ecs");
        d.put("logging.structured.ecs.service.name", "${spring.application.name:waqup}");
        // actuator: only what operators need; probes; liveness = the JVM only; readiness = what this pod needs to serve
        // its own requests: its database and its schema. Redis, RabbitMQ, Elasticsearch and S3 stay components of
        // /actuator/health but not of readiness: an outage of a shared dependency degrades every pod alike (caches
        // fall back to PostgreSQL, the outbox keeps accepting writes), and taking every pod out of rotation for it
        // would turn a degraded feature into a total outage (docs/resilience.md)
        d.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        d.put("management.endpoint.health.probes.enabled", "true");
        d.put("management.endpoint.health.show-details", "always");
        d.put("management.endpoint.health.show-components", "always");
        d.put("management.endpoint.health.validate-group-membership", "false");
        d.put("management.endpoint.health.group.readiness.include",
                "readinessState,db,schema");
        d.put("management.endpoint.health.group.liveness.include", "livenessState");
        d.put("management.info.git.mode", "simple");
        d.put("management.info.java.enabled", "true");
        // traces (docs/observability.md): OpenTelemetry through Micrometer Tracing, W3C traceparent (Boot's default) on
        // HTTP and on every RabbitMQ message; spans leave the JVM only when an OTLP endpoint is set
        // (OTEL_EXPORTER_OTLP_ENDPOINT or management.opentelemetry.tracing.export.otlp.endpoint): a laptop exports nothing
        d.put("management.tracing.sampling.probability", "0.1");
        d.put("spring.rabbitmq.template.observation-enabled", "true");
        d.put("spring.rabbitmq.listener.simple.observation-enabled", "true");
        d.put("spring.rabbitmq.listener.direct.observation-enabled", "true");
        // metrics: latency histograms per route (p95 from Prometheus), the SLO line of the seed's "API < 1 s" alert
        d.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        d.put("management.metrics.distribution.slo.http.server.requests", "200ms,1s");
        d.put("management.metrics.distribution.percentiles-histogram.waqup.generation.stage", "true");
        d.put("management.metrics.distribution.percentiles-histogram.waqup.llm.requests", "true");
        d.put("management.metrics.distribution.percentiles-histogram.waqup.tts.requests", "true");
        // Spring Security's own observations (a span and timer around every filter of the chain, the authentication
        // and the authorization) cost more CPU than a cached read itself; requests stay observed as a whole
        d.put("management.observations.enable.spring.security", "false");
        d.put("management.metrics.tags.application", "${spring.application.name:waqup}");
        // persistence: Flyway owns the schema; no lazy loading in views; fail fast on a dead database
        d.put("spring.jpa.open-in-view", "false");
        // a relayed event is deleted from the outbox, not kept: events carry personal data (docs/privacy.md)
        d.put("spring.modulith.events.completion-mode", "delete");
        d.put("spring.jpa.hibernate.ddl-auto", "validate");
        d.put("spring.datasource.hikari.connection-timeout", "3000");
        d.put("spring.datasource.hikari.maximum-pool-size", "10");
        d.put("spring.datasource.hikari.minimum-idle", "2");
        d.put("spring.datasource.hikari.initialization-fail-timeout", "-1");
        // Redis and RabbitMQ: bounded waits so a dead dependency is a fast failure (503, a cache miss), not a hung request
        d.put("spring.data.redis.timeout", "2s");
        d.put("spring.data.redis.connect-timeout", "2s");
        d.put("spring.rabbitmq.connection-timeout", "3s");
        d.put("spring.rabbitmq.publisher-confirm-type", "correlated");
        d.put("spring.rabbitmq.publisher-returns", "true");
        d.put("spring.rabbitmq.listener.simple.retry.enabled", "true");
        d.put("spring.rabbitmq.listener.simple.retry.max-attempts", "4");
        d.put("spring.rabbitmq.listener.simple.retry.initial-interval", "500ms");
        d.put("spring.rabbitmq.listener.simple.retry.multiplier", "3");
        d.put("spring.rabbitmq.listener.simple.default-requeue-rejected", "false");
        // HTTP
        d.put("server.shutdown", "graceful");
        d.put("server.error.include-stacktrace", "never");
        d.put("server.error.include-message", "never");
        d.put("server.error.whitelabel.enabled", "false");
        d.put("spring.mvc.problemdetails.enabled", "false");
        // no ServletRequestHandledEvent per request: nothing listens, and every event goes through the event
        // publication registry's multicaster (Spring Modulith), which looks for transactional listeners each time
        d.put("spring.mvc.publish-request-handled-events", "false");
        d.put("spring.web.resources.add-mappings", "false");
        d.put("springdoc.api-docs.path", "/v3/api-docs");
        // the documents describe the public API as the gateway routes it: no /internal/**, no /error (docs/platform.md)
        d.put("springdoc.paths-to-match", "/api/**");
        d.put("springdoc.default-produces-media-type", "application/json");
        d.put("springdoc.swagger-ui.enabled", "false");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, d));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
