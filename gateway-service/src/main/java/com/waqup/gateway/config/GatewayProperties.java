package com.waqup.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.waqup.common.client.CircuitBreakerPolicy;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The edge's own settings.
 *
 * @param corsAllowedOrigins origins browsers may call the API from (never {@code *})
 * @param maxRequestSize     larger request bodies are refused with 413 before they reach a service
 * @param trustedProxyHops   how many proxies in front of the gateway append to {@code X-Forwarded-For}
 *                           (0: the TCP peer is the client)
 * @param rateLimits         requests per second and burst, per tier
 * @param services           the downstream services by name, with their base URLs
 * @param circuitBreaker     when a route's circuit opens (one per route; docs/resilience.md)
 * @param lingeringClose     how long a connection the server closes still reads (and drops) what the client sends,
 *                           so the client reads an answer given before its request was read whole (0: close at once)
 */
@ConfigurationProperties("waqup.gateway")
@Validated
public record GatewayProperties(
        @DefaultValue({ "http://localhost:3000", "http://127.0.0.1:3000" }) List<String> corsAllowedOrigins,
        @NotNull @DefaultValue("1MB") DataSize maxRequestSize,
        @Min(0) @DefaultValue("0") int trustedProxyHops,
        @NotNull @DefaultValue RateLimits rateLimits,
        @NotEmpty Map<String, String> services,
        @NotNull @DefaultValue CircuitBreaker circuitBreaker,
        @NotNull @DefaultValue("2s") Duration lingeringClose) {

    /**
     * A route's circuit breaker: over the last {@code slidingWindow} requests (at least {@code minimumCalls}), when
     * {@code failureRateThreshold} percent failed (no connection, no answer within the route's response timeout), the
     * route answers 503 at once for {@code openFor}, then lets {@code halfOpenCalls} trial requests through.
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindow,
            @DefaultValue("10") int minimumCalls,
            @NotNull @DefaultValue("10s") Duration openFor,
            @DefaultValue("3") int halfOpenCalls) implements CircuitBreakerPolicy {
    }

    /** Token buckets (Spring Cloud Gateway's Redis rate limiter): refill per second and bucket size. */
    public record RateLimits(
            @NotNull @DefaultValue({ "5", "10" }) List<Integer> anonymous,
            @NotNull @DefaultValue({ "10", "20" }) List<Integer> free,
            @NotNull @DefaultValue({ "25", "50" }) List<Integer> paid) {
    }
}
