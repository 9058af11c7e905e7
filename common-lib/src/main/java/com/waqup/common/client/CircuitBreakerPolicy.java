package com.waqup.common.client;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * When a circuit opens, the same way for a service's calls to another ({@link InternalCallPolicy}) and for the
 * gateway's routes: over the last {@link #slidingWindow()} calls (at least {@link #minimumCalls()}), when
 * {@link #failureRateThreshold()} percent failed, the circuit refuses calls at once for {@link #openFor()}, then lets
 * {@link #halfOpenCalls()} trial calls through. See docs/resilience.md.
 */
public interface CircuitBreakerPolicy {

    float failureRateThreshold();

    int slidingWindow();

    int minimumCalls();

    Duration openFor();

    int halfOpenCalls();

    /** A Resilience4j configuration with this policy's window and thresholds; what counts as a failure is the caller's. */
    default CircuitBreakerConfig.Builder circuitBreakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(slidingWindow())
                .minimumNumberOfCalls(minimumCalls())
                .failureRateThreshold(failureRateThreshold())
                .waitDurationInOpenState(openFor())
                .permittedNumberOfCallsInHalfOpenState(halfOpenCalls());
    }
}
