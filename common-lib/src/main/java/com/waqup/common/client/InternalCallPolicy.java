package com.waqup.common.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@link InternalClients} protects this service from another one that fails or slows down
 * ({@code waqup.internal-calls.*}; one circuit breaker, one bulkhead and one retry per target service, see
 * docs/resilience.md). Timeouts are per service ({@code waqup.services.<name>.connect-timeout}, {@code read-timeout}).
 *
 * @param failureRateThreshold percentage of failed calls (no connection, timeout, 5xx) in the window that opens the
 *                             circuit; a 4xx is an answer, never a failure
 * @param slidingWindow        how many recent calls the failure rate is computed over
 * @param minimumCalls         calls needed in the window before the rate counts
 * @param openFor              how long an open circuit refuses calls at once before letting trial calls through
 * @param halfOpenCalls        trial calls let through after {@code openFor}
 * @param maxConcurrentCalls   calls to one service in flight at once (bulkhead); one more is refused at once, so a slow
 *                             service cannot hold every request thread
 * @param maxAttempts          attempts of an idempotent call (GET, PUT, DELETE, or a POST marked idempotent), the
 *                             first included, while the service is unreachable or answers 502/503/504
 * @param retryBackoff         wait before the second attempt, doubled before each further one
 */
@ConfigurationProperties("waqup.internal-calls")
public record InternalCallPolicy(
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("20") int slidingWindow,
        @DefaultValue("10") int minimumCalls,
        @DefaultValue("10s") Duration openFor,
        @DefaultValue("2") int halfOpenCalls,
        @DefaultValue("25") int maxConcurrentCalls,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("100ms") Duration retryBackoff) implements CircuitBreakerPolicy {

    /** The platform's defaults. */
    public static InternalCallPolicy defaults() {
        return new InternalCallPolicy(50, 20, 10, Duration.ofSeconds(10), 2, 25, 3, Duration.ofMillis(100));
    }
}
