package com.waqup.user.auth;

import java.time.Duration;
import java.util.Map;

import com.waqup.common.error.ApiException;
import com.waqup.user.config.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Slows down repeated failed logins per account and per client IP (see {@link IdentityProperties.Throttle}):
 * past the threshold, each failure imposes a doubling wait (429 with {@code Retry-After}), capped, and the
 * counts expire after the window. Accounts are keyed by a hash of the email, never the email itself. If
 * Redis is unreachable, logins are not throttled (fail-open) rather than refused.
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private final StringRedisTemplate redis;
    private final IdentityProperties.Throttle config;

    LoginThrottle(StringRedisTemplate redis, IdentityProperties properties) {
        this.redis = redis;
        this.config = properties.throttle();
    }

    void checkAllowed(String normalizedEmail, String ip) {
        try {
            long wait = Math.max(ttl(lockKey("acct", Hashes.sha256(normalizedEmail))), ttl(lockKey("ip", ip)));
            if (wait > 0) {
                throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_LOGIN_ATTEMPTS",
                        "Too many failed sign-in attempts; try again in " + wait + " seconds",
                        Map.of("retry_after", wait)).withHeader("Retry-After", Long.toString(wait));
            }
        } catch (DataAccessException e) {
            log.warn("login throttle unavailable (Redis), not throttling: {}", e.toString());
        }
    }

    void recordFailure(String normalizedEmail, String ip) {
        try {
            fail("acct", Hashes.sha256(normalizedEmail), config.accountFailures(), config.maxAccountDelay());
            fail("ip", ip, config.ipFailures(), config.maxIpDelay());
        } catch (DataAccessException e) {
            log.warn("login throttle unavailable (Redis): {}", e.toString());
        }
    }

    void recordSuccess(String normalizedEmail) {
        try {
            String h = Hashes.sha256(normalizedEmail);
            redis.delete(java.util.List.of(countKey("acct", h), lockKey("acct", h)));
        } catch (DataAccessException e) {
            log.warn("login throttle unavailable (Redis): {}", e.toString());
        }
    }

    private void fail(String kind, String subject, int threshold, Duration max) {
        String count = countKey(kind, subject);
        Long n = redis.opsForValue().increment(count);
        redis.expire(count, config.window());
        if (n != null && n >= threshold) {
            long exponent = Math.min(30, n - threshold);
            long seconds = Math.min(max.toSeconds(), 1L << exponent);
            redis.opsForValue().set(lockKey(kind, subject), "1", Duration.ofSeconds(seconds));
        }
    }

    private long ttl(String key) {
        Long seconds = redis.getExpire(key);
        return seconds == null || seconds < 0 ? 0 : seconds;
    }

    private static String countKey(String kind, String subject) {
        return "auth:fail:" + kind + ":" + subject;
    }

    private static String lockKey(String kind, String subject) {
        return "auth:wait:" + kind + ":" + subject;
    }

}
