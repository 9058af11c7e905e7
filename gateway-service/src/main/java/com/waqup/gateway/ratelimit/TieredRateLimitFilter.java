package com.waqup.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import com.waqup.common.security.Roles;
import com.waqup.gateway.edge.EnvelopeWriter;
import com.waqup.gateway.security.GatewayProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Per-user rate limits on every routed request, with Spring Cloud Gateway's Redis token-bucket limiter:
 * a person is limited by their own bucket ({@code user:{sub}}) at their tier's rate ({@code tier} claim:
 * free or paid); anonymous requests (sign-up, sign-in, refresh) by client IP. Over the limit: 429 with the
 * envelope, {@code Retry-After} and {@code X-RateLimit-Remaining}. If Redis cannot be reached the limiter
 * lets requests through (fail-open) and the {@code rateLimiting} health component says so. The Stripe
 * webhook is not limited here: Stripe retries, and payment-service verifies every signature.
 */
@Component
class TieredRateLimitFilter implements GlobalFilter, Ordered {

    private final RedisRateLimiter anonymous;
    private final RedisRateLimiter free;
    private final RedisRateLimiter paid;
    private final EnvelopeWriter envelopes;
    private final int trustedProxyHops;

    TieredRateLimitFilter(GatewayProperties properties, ApplicationContext context, EnvelopeWriter envelopes) {
        this.anonymous = limiter(properties.rateLimits().anonymous(), context);
        this.free = limiter(properties.rateLimits().free(), context);
        this.paid = limiter(properties.rateLimits().paid(), context);
        this.envelopes = envelopes;
        this.trustedProxyHops = properties.trustedProxyHops();
    }

    private static RedisRateLimiter limiter(List<Integer> rateAndBurst, ApplicationContext context) {
        RedisRateLimiter limiter = new RedisRateLimiter(rateAndBurst.get(0), rateAndBurst.get(1), 1);
        limiter.setApplicationContext(context);
        return limiter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (exchange.getRequest().getPath().value().equals("/api/v1/payments/webhook")) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(ctx -> ctx.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(JwtAuthenticationToken.class::cast)
                .map(jwt -> {
                    boolean paidTier = "paid".equals(jwt.getToken().getClaimAsString("tier"));
                    boolean isService = jwt.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Roles.authority(Roles.SERVICE)));
                    return new Bucket(paidTier ? paid : free, "user:" + jwt.getName(), isService);
                })
                .defaultIfEmpty(new Bucket(anonymous, "ip:" + clientIp(exchange), false))
                .flatMap(bucket -> bucket.limiter().isAllowed("waqup", bucket.key())
                        .flatMap(response -> apply(exchange, chain, bucket, response)));
    }

    private record Bucket(RedisRateLimiter limiter, String key, boolean service) {
    }

    private Mono<Void> apply(ServerWebExchange exchange, GatewayFilterChain chain, Bucket bucket, RateLimiter.Response response) {
        String remaining = response.getHeaders().getOrDefault(RedisRateLimiter.REMAINING_HEADER, "-1");
        exchange.getResponse().getHeaders().set(RedisRateLimiter.REMAINING_HEADER, remaining);
        if (response.isAllowed()) {
            return chain.filter(exchange);
        }
        String replenish = response.getHeaders().getOrDefault(RedisRateLimiter.REPLENISH_RATE_HEADER, "1");
        long retryAfter = Math.max(1, (long) Math.ceil(1.0 / Math.max(1, Integer.parseInt(replenish))));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        return envelopes.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "Too many requests; retry in " + retryAfter + " second(s)", Map.of("retry_after", retryAfter));
    }

    /** The TCP peer, or the entry {@code trustedProxyHops} from the end of X-Forwarded-For behind proxies. */
    String clientIp(ServerWebExchange exchange) {
        if (trustedProxyHops > 0) {
            String forwarded = exchange.getRequest().getHeaders().getFirst("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                int index = Math.max(0, hops.length - trustedProxyHops);
                return hops[index].trim();
            }
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
