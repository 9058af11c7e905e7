package com.waqup.common.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.waqup.common.security.ServiceTokenClient;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadProvider;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * The one way a service calls another service's {@code /internal/**} endpoints. {@code client("credit")} is an
 * {@link InternalClient} for {@code waqup.services.credit}: base URL and timeouts from there, a {@link RestClient}
 * from Boot's builder (the platform's JSON, the correlation id, client metrics), this service's token on every
 * request ({@link ServiceTokenClient}), and the other service's error envelope decoded into an
 * {@link InternalCallException}. A name that is not configured fails at once, naming the property to set.
 * <p>
 * Each target service has one circuit breaker with its semaphore bulkhead (Spring Cloud CircuitBreaker on Resilience4j,
 * run on the caller's thread: no thread pool, no time limiter, so the correlation id, the trace and the
 * {@link Deadline} stay with the call and the HTTP client's own timeouts bound it) and one Resilience4j retry, named
 * after it and shared by all its clients ({@link InternalCallPolicy}); their state and counters are Micrometer meters
 * ({@code resilience4j_circuitbreaker_*}, {@code resilience4j_bulkhead_*}, {@code resilience4j_retry_*}, tag
 * {@code name=<service>}) when a {@link MeterRegistry} is given.
 */
public class InternalClients {

    private final RestClient.Builder builder;
    private final ServiceTokenClient tokens;
    private final InternalServicesProperties properties;
    private final CircuitBreakerRegistry circuitBreakers;
    private final Resilience4JCircuitBreakerFactory circuitBreakerFactory;
    private final RetryRegistry retries;
    private final ConcurrentMap<String, InternalClient> clients = new ConcurrentHashMap<>();

    public InternalClients(RestClient.Builder builder, ServiceTokenClient tokens, InternalServicesProperties properties) {
        this(builder, tokens, properties, InternalCallPolicy.defaults(), null);
    }

    public InternalClients(RestClient.Builder builder, ServiceTokenClient tokens, InternalServicesProperties properties,
            InternalCallPolicy policy, MeterRegistry meters) {
        this.builder = builder;
        this.tokens = tokens;
        this.properties = properties;
        CircuitBreakerConfig circuitBreaker = policy.circuitBreakerConfig()
                // a failure is the service not answering usefully; a 4xx is its answer, and neither a full bulkhead
                // nor our own passed deadline says anything about the service
                .recordException(e -> e instanceof InternalCallException call && call.unavailable())
                .ignoreExceptions(InternalClient.DeadlinePassed.class, BulkheadFullException.class)
                .build();
        BulkheadConfig bulkhead = BulkheadConfig.custom()
                .maxConcurrentCalls(policy.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build();
        // on the caller's thread: no thread pool (and so no time limiter), a semaphore bulkhead per service
        Resilience4JConfigurationProperties onCallerThread = new Resilience4JConfigurationProperties();
        onCallerThread.setDisableThreadPool(true);
        onCallerThread.setDisableTimeLimiter(true);
        onCallerThread.setEnableSemaphoreDefaultBulkhead(true);
        BulkheadRegistry bulkheads = BulkheadRegistry.of(bulkhead);
        Resilience4jBulkheadProvider bulkheadProvider = new Resilience4jBulkheadProvider(
                ThreadPoolBulkheadRegistry.of(ThreadPoolBulkheadConfig.ofDefaults()), bulkheads, onCallerThread);
        bulkheadProvider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder().bulkheadConfig(bulkhead)
                .threadPoolBulkheadConfig(ThreadPoolBulkheadConfig.ofDefaults()).build());
        this.circuitBreakers = CircuitBreakerRegistry.of(circuitBreaker);
        this.circuitBreakerFactory = new Resilience4JCircuitBreakerFactory(circuitBreakers,
                TimeLimiterRegistry.of(TimeLimiterConfig.ofDefaults()), bulkheadProvider, onCallerThread);
        this.circuitBreakerFactory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(circuitBreaker).timeLimiterConfig(TimeLimiterConfig.ofDefaults()).build());
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(policy.retryBackoff(), 2))
                .retryOnException(e -> e instanceof InternalCallException call && call.retryable())
                .build());
        if (meters != null) {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers).bindTo(meters);
            TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
            TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        }
    }

    /** The client of {@code waqup.services.<service>}, with its configured timeouts. */
    public InternalClient client(String service) {
        return clients.computeIfAbsent(service, name -> {
            InternalServicesProperties.Endpoint endpoint = endpoint(name);
            return build(name, endpoint.url(), endpoint.connectTimeout(), endpoint.readTimeout(), endpoint.audience());
        });
    }

    /** The client of {@code waqup.services.<service>}, waiting up to {@code readTimeout} for answers (a longer call). */
    public InternalClient client(String service, Duration readTimeout) {
        InternalServicesProperties.Endpoint endpoint = endpoint(service);
        return build(service, endpoint.url(), endpoint.connectTimeout(), readTimeout, endpoint.audience());
    }

    /** The circuit breakers, one per service called (state, metrics; for operators and tests). */
    public CircuitBreakerRegistry circuitBreakers() {
        return circuitBreakers;
    }

    private InternalServicesProperties.Endpoint endpoint(String service) {
        InternalServicesProperties.Endpoint endpoint = properties.services().get(service);
        if (endpoint == null || !StringUtils.hasText(endpoint.url())) {
            throw new IllegalStateException("waqup.services." + service + ".url is not set: this service calls " + service
                    + " and needs its base URL in application.yml");
        }
        return endpoint;
    }

    private InternalClient build(String service, String url, Duration connectTimeout, Duration readTimeout, String audience) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        RestClient.Builder client = builder.clone().baseUrl(base).requestFactory(new DeadlineRequestFactory(http, readTimeout));
        if (tokens != null) {
            client = client.requestInterceptor(tokens.interceptor(audience == null || audience.isBlank() ? service : audience));
        }
        return new InternalClient(service, client.build(),
                new InternalClient.Guards(circuitBreakerFactory.create(service, service), retries.retry(service)));
    }
}
