package com.waqup.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.waqup.common.security.TokenRevocation;
import com.waqup.gateway.config.GatewayProperties;
import com.waqup.gateway.edge.ClientAddress;
import com.waqup.gateway.edge.EnvelopeWriter;
import com.waqup.gateway.security.InvalidToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Per-user rate limits and the revocation check on every routed request, in one Redis round trip
 * ({@code scripts/gateway_access.lua}: Spring Cloud Gateway's token bucket, unchanged, plus a read of the revocation
 * marker). A person is limited by their own bucket ({@code user:{sub}}) at their tier's rate ({@code tier} claim: free
 * or paid); anonymous requests (sign-up, sign-in, refresh, share links) by client IP. Over the limit: 429 with the
 * envelope, {@code Retry-After} and {@code X-RateLimit-Remaining}.
 * <p>
 * A signature-valid token is still refused (401 {@code INVALID_TOKEN}) when user-service revoked every token of its
 * subject issued up to a moment (an erased account, docs/privacy.md): Redis key {@code auth:revoked:{sub}} ({@link TokenRevocation}) =
 * epoch second, compared with the token's {@code iat}. The two used to be two Redis calls, each continuing the request on
 * Lettuce's single I/O thread; one script halves that (docs/performance.md).
 * <p>
 * If Redis cannot be reached the gateway lets requests through (fail-open: the signature and expiry checks still
 * hold) and the {@code rateLimiting} health component says so. The Stripe webhook is not limited here: Stripe
 * retries, and payment-service verifies every signature. The keys of one request live in different hash slots, so
 * Redis must be a single primary (as deployed: one {@code REDIS_HOST}), not a Redis Cluster.
 */
@Component
class TieredRateLimitFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(TieredRateLimitFilter.class);
    private static final long FAIL_OPEN_LOG_INTERVAL_MS = 10_000;
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript.of(script(), List.class);

    private final ReactiveStringRedisTemplate redis;
    private final Limit anonymous;
    private final Limit free;
    private final Limit paid;
    private final EnvelopeWriter envelopes;
    private final AtomicLong lastFailOpenLog = new AtomicLong();

    /** Requests per second and burst of one tier. */
    record Limit(int rate, int burst) {
        static Limit of(List<Integer> rateAndBurst) {
            return new Limit(rateAndBurst.get(0), rateAndBurst.get(1));
        }
    }

    private record Bucket(Limit limit, String key, Jwt jwt) {
    }

    /** What Redis answered; {@code remaining} -1 when it could not be asked. */
    record Verdict(boolean allowed, long remaining, long revokedUpTo) {
        static final Verdict FAIL_OPEN = new Verdict(true, -1, -1);

        static Verdict of(List<Long> reply) {
            return new Verdict(reply.get(0) == 1L, reply.get(1), reply.size() > 2 ? reply.get(2) : -1);
        }

        /** Revoked when a marker exists and the token was issued at or before it (or says nothing of when). */
        boolean revokes(Jwt jwt) {
            if (jwt == null || revokedUpTo < 0) {
                return false;
            }
            Instant issued = jwt.getIssuedAt();
            return issued == null || issued.getEpochSecond() <= revokedUpTo;
        }
    }

    TieredRateLimitFilter(GatewayProperties properties, ReactiveStringRedisTemplate redis, EnvelopeWriter envelopes) {
        this.redis = redis;
        this.anonymous = Limit.of(properties.rateLimits().anonymous());
        this.free = Limit.of(properties.rateLimits().free());
        this.paid = Limit.of(properties.rateLimits().paid());
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (exchange.getRequest().getPath().value().equals("/api/v1/payments/webhook")) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(ctx -> ctx.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> {
                    Jwt jwt = ((JwtAuthenticationToken) auth).getToken();
                    return new Bucket("paid".equals(jwt.getClaimAsString("tier")) ? paid : free, "user:" + auth.getName(), jwt);
                })
                .defaultIfEmpty(new Bucket(anonymous, "ip:" + clientIp(exchange), null))
                .flatMap(bucket -> ask(bucket).flatMap(verdict -> apply(exchange, chain, bucket, verdict)));
    }

    private Mono<Verdict> ask(Bucket bucket) {
        String prefix = "request_rate_limiter.{" + bucket.key();
        List<String> keys = bucket.jwt() == null || bucket.jwt().getSubject() == null
                ? List.of(prefix + "}.tokens", prefix + "}.timestamp")
                : List.of(prefix + "}.tokens", prefix + "}.timestamp", TokenRevocation.key(bucket.jwt().getSubject()));
        return redis.execute(SCRIPT, keys, List.of(Integer.toString(bucket.limit().rate()),
                        Integer.toString(bucket.limit().burst()), "", "1"))
                .next()
                .map(Verdict::of)
                .onErrorResume(e -> {
                    logFailOpen(e);
                    return Mono.just(Verdict.FAIL_OPEN);
                })
                .defaultIfEmpty(Verdict.FAIL_OPEN);
    }

    private Mono<Void> apply(ServerWebExchange exchange, GatewayFilterChain chain, Bucket bucket, Verdict verdict) {
        if (verdict.revokes(bucket.jwt())) {
            return InvalidToken.write(envelopes, exchange);
        }
        exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", Long.toString(verdict.remaining()));
        if (verdict.allowed()) {
            return chain.filter(exchange);
        }
        long retryAfter = 1; // rates are whole requests per second (at least 1): a token is back within a second
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        return envelopes.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "Too many requests; retry in " + retryAfter + " second(s)", Map.of("retry_after", retryAfter));
    }

    private void logFailOpen(Throwable e) {
        long now = System.currentTimeMillis();
        long last = lastFailOpenLog.get();
        if (now - last >= FAIL_OPEN_LOG_INTERVAL_MS && lastFailOpenLog.compareAndSet(last, now)) {
            log.warn("Redis unavailable: rate limits and revocation not enforced (fail-open): {}", e.toString());
        }
    }

    /** The client's address as the edge worked it out (the TCP peer, or the trusted proxy hop's X-Forwarded-For entry). */
    String clientIp(ServerWebExchange exchange) {
        return ClientAddress.of(exchange);
    }

    /** Read once: a script over static text computes its SHA-1 once, so each request is one EVALSHA. */
    private static String script() {
        try {
            return new ClassPathResource("scripts/gateway_access.lua").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
