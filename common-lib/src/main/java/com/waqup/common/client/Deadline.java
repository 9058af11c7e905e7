package com.waqup.common.client;

import java.time.Duration;
import java.time.Instant;

/**
 * The moment after which the caller of the work in progress no longer waits for its answer. It travels between
 * services in the {@value #HEADER} header (epoch milliseconds): the gateway sets it from the route's response timeout,
 * a service's {@code DeadlineFilter} refuses a request whose deadline has passed and keeps it for the request's
 * thread, and {@link InternalClient} waits for an answer at most {@code min(read timeout, time left)} and passes the
 * earlier deadline on. So nobody does work for a caller that gave up (docs/resilience.md).
 */
public final class Deadline {

    /** The header carrying the deadline, in epoch milliseconds. */
    public static final String HEADER = "X-Request-Deadline";

    private static final ThreadLocal<Instant> CURRENT = new ThreadLocal<>();

    private Deadline() {
    }

    /** The deadline of the work in progress on this thread, or {@code null} when it has none. */
    public static Instant current() {
        return CURRENT.get();
    }

    /**
     * How long a call made now may wait: {@code own}, or less when the work in progress has a deadline sooner; never
     * negative ({@link Duration#ZERO} once the deadline has passed).
     */
    public static Duration budget(Duration own) {
        Instant deadline = CURRENT.get();
        if (deadline == null) {
            return own;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(own) < 0 ? left : own;
    }

    /** The header's value as an instant, or {@code null} when it is missing or not epoch milliseconds. */
    public static Instant parse(String header) {
        if (header == null || header.isBlank() || header.length() > 19) {
            return null;
        }
        try {
            long millis = Long.parseLong(header.trim());
            return millis > 0 ? Instant.ofEpochMilli(millis) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The header's value for {@code deadline}. */
    public static String format(Instant deadline) {
        return Long.toString(deadline.toEpochMilli());
    }

    /**
     * Makes {@code deadline} the deadline of this thread's work until the returned scope is closed (the previous one
     * comes back). A later deadline than the current one is ignored: a callee never gets more time than its caller.
     */
    public static Scope enter(Instant deadline) {
        Instant previous = CURRENT.get();
        if (deadline != null && (previous == null || deadline.isBefore(previous))) {
            CURRENT.set(deadline);
        }
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** The extent of a deadline on a thread. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {

        @Override
        void close();
    }
}
