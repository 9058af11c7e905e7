package com.waqup.gateway.ratelimit;

import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Always UP (the gateway keeps serving without Redis), but says whether rate limits are enforced or, with
 * Redis unreachable, fail-open. Part of readiness instead of the plain {@code redis} component.
 */
@Component("rateLimiting")
class RateLimitingHealthIndicator extends AbstractReactiveHealthIndicator {

    private final ReactiveRedisConnectionFactory redis;

    RateLimitingHealthIndicator(ReactiveRedisConnectionFactory redis) {
        this.redis = redis;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.usingWhen(Mono.fromSupplier(redis::getReactiveConnection),
                        connection -> connection.ping(), connection -> connection.closeLater())
                .timeout(Duration.ofSeconds(2))
                .map(pong -> builder.up().withDetail("mode", "enforcing").withDetail("redis", "reachable").build())
                .onErrorResume(e -> Mono.just(builder.up().withDetail("mode", "fail-open")
                        .withDetail("redis", "unreachable").build()));
    }
}
