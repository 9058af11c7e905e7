package com.waqup.user.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.user.config.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Slows down repeated failed logins (see {@link IdentityProperties.Throttle}) with three counts in Redis: an account
 * from one client ({@code auth:fail:acct-ip:{hash}}), one client over every account ({@code auth:fail:ip:{address}}),
 * and an account over every client ({@code auth:fail:acct:{hash}}, a much higher threshold). The client is the address
 * {@link ClientIp} establishes (the one the gateway saw), so one client's failures slow down that client only, never
 * another client nor another person's account. Past a threshold each failure imposes a doubling wait (429 with
 * {@code Retry-After}), capped, and the counts expire after the window. Accounts are keyed by a hash of the email,
 * never the email itself. If Redis is unreachable, logins are not throttled (fail-open) rather than refused.
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

    void checkAllowed(String normalizedEmail, String client) {
        try {
            long wait = Math.max(ttl(lockKey("acct-ip", accountFrom(normalizedEmail, client))),
                    Math.max(ttl(lockKey("ip", client)), ttl(lockKey("acct", Hashes.sha256(normalizedEmail)))));
            if (wait > 0) {
                throw new DomainException(ErrorKind.RATE_LIMITED, "TOO_MANY_LOGIN_ATTEMPTS",
                        "Too many failed sign-in attempts; try again in " + wait + " seconds",
                        Map.of("retry_after", wait)).retryAfter(Duration.ofSeconds(wait));
            }
        } catch (DataAccessException e) {
            log.warn("login throttle unavailable (Redis), not throttling: {}", e.toString());
        }
    }

    void recordFailure(String normalizedEmail, String client) {
        try {
            fail("acct-ip", accountFrom(normalizedEmail, client), config.accountFailures(), config.maxAccountDelay());
            fail("ip", client, config.ipFailures(), config.maxIpDelay());
            fail("acct", Hashes.sha256(normalizedEmail), config.accountFailuresAllClients(), config.maxAccountDelay());
        } catch (DataAccessException e) {
            log.warn("login throttle unavailable (Redis): {}", e.toString());
        }
    }

    /** The owner got in: their account's counts (from this client and from all) start again. */
    void recordSuccess(String normalizedEmail, String client) {
        try {
            String pair = accountFrom(normalizedEmail, client);
            String account = Hashes.sha256(normalizedEmail);
            redis.delete(List.of(countKey("acct-ip", pair), lockKey("acct-ip", pair), countKey("acct", account), lockKey("acct", account)));
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

    /** One account from one client address, hashed together. */
    private static String accountFrom(String normalizedEmail, String client) {
        return Hashes.sha256(normalizedEmail + "\n" + client);
    }

    private static String countKey(String kind, String subject) {
        return "auth:fail:" + kind + ":" + subject;
    }

    private static String lockKey(String kind, String subject) {
        return "auth:wait:" + kind + ":" + subject;
    }
}
