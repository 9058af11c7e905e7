package com.waqup.generation.credit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.client.InternalCallException;
import com.waqup.common.client.InternalClient;
import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * credit-service's holds, as a generation job needs them: {@code POST /internal/credits/holds} with this
 * service's token. credit-service is idempotent by job id, so placing the hold of a job again returns the hold it
 * already has (whatever its state) and never reserves twice; capture and release are idempotent by job id too. So
 * all three are sent as idempotent calls: retried (bounded) when credit-service could not be reached or answered
 * 502/503/504 (docs/resilience.md). Its answers become this service's errors:
 * <ul>
 * <li>402 {@code INSUFFICIENT_CREDITS}: the same code with {@code details: {required, available}};</li>
 * <li>409 (the job already holds credits with other parameters): 409 {@code IDEMPOTENCY_CONFLICT};</li>
 * <li>no connection, a timeout, or a 5xx: 503 {@code CREDIT_SERVICE_UNAVAILABLE} (the caller may retry);</li>
 * <li>anything else (our request refused): 502 {@code CREDIT_SERVICE_ERROR}, logged.</li>
 * </ul>
 */
public class CreditHolds {

    private static final Logger log = LoggerFactory.getLogger(CreditHolds.class);

    private final InternalClient credit;

    /** {@code credit}: credit-service's client (its base URL, timeouts and this service's token). */
    CreditHolds(InternalClient credit) {
        this.credit = credit;
    }

    /** The part of credit-service's hold this service reads. */
    public record Hold(UUID holdId, UUID jobId, UUID userId, int amount, String status) {

        public boolean open() {
            return "open".equals(status);
        }
    }

    private record HoldRequest(UUID jobId, UUID userId, String contentType, UUID contentId) {
    }

    /**
     * Reserves the credits of a creation of {@code contentType} (its wire code, {@code ritual}) for {@code jobId}
     * (the content item has the job's id).
     */
    public Hold place(UUID jobId, UUID userId, String contentType) {
        return place(jobId, userId, contentType, jobId);
    }

    /** The same for a job that makes a new version of the existing item {@code contentId} (a paid re-voice). */
    public Hold place(UUID jobId, UUID userId, String contentType, UUID contentId) {
        Hold hold;
        try {
            hold = credit.idempotentPost(Hold.class, "/internal/credits/holds", new HoldRequest(jobId, userId, contentType, contentId));
        } catch (InternalCallException e) {
            throw refused(e);
        }
        if (hold == null) {
            throw unexpected(200, "an empty hold");
        }
        return hold;
    }

    /** What credit-service answered to a capture or a release. */
    public enum Outcome {
        /** Done now or earlier (both calls are idempotent by job id). */
        DONE,
        /** A capture of a hold that was already released (it expired, or the job was released). */
        ALREADY_RELEASED,
        /** A release of a hold that was already captured. */
        ALREADY_CAPTURED,
        /** credit-service has no hold for the job. */
        NO_HOLD
    }

    /** credit-service could not be asked (no connection, timeout, 5xx): the caller tries again later. */
    public static class UnavailableException extends RuntimeException {

        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record ReleaseRequest(String reason) {
    }

    /** The job succeeded: its held credits are consumed ({@code POST /internal/credits/holds/{jobId}/capture}). */
    public Outcome capture(UUID jobId) {
        return settle(jobId, "capture", null);
    }

    /** The job failed: its held credits come back ({@code POST /internal/credits/holds/{jobId}/release}). */
    public Outcome release(UUID jobId, String reason) {
        return settle(jobId, "release", new ReleaseRequest(reason.length() > 200 ? reason.substring(0, 200) : reason));
    }

    private Outcome settle(UUID jobId, String action, Object body) {
        try {
            credit.idempotentPost(Void.class, "/internal/credits/holds/{jobId}/" + action, body, jobId);
            return Outcome.DONE;
        } catch (InternalCallException e) {
            if (e.is(HttpStatus.CONFLICT.value(), "HOLD_ALREADY_RELEASED")) {
                return Outcome.ALREADY_RELEASED;
            }
            if (e.is(HttpStatus.CONFLICT.value(), "HOLD_ALREADY_CAPTURED")) {
                return Outcome.ALREADY_CAPTURED;
            }
            if (e.status() == HttpStatus.NOT_FOUND.value()) {
                return Outcome.NO_HOLD;
            }
            if (e.status() == 0) {
                throw new UnavailableException("credit-service not reachable for the " + action + " of job " + jobId, e);
            }
            throw new UnavailableException("credit-service answered " + e.status() + " (" + e.code() + ") to the " + action
                    + " of job " + jobId, null);
        }
    }

    private static DomainException refused(InternalCallException e) {
        if (e.status() == 0) {
            log.warn("credit-service not reachable for a hold: {}", e.getMessage());
            return unavailableError();
        }
        if (e.status() == HttpStatus.PAYMENT_REQUIRED.value()) {
            Map<String, Object> details = new LinkedHashMap<>();
            for (String key : new String[] { "required", "available" }) {
                if (e.details().get(key) != null) {
                    details.put(key, e.details().get(key));
                }
            }
            int required = details.get("required") instanceof Number n ? n.intValue() : -1;
            int available = details.get("available") instanceof Number n ? n.intValue() : -1;
            return new DomainException(ErrorKind.INSUFFICIENT_FUNDS, "INSUFFICIENT_CREDITS",
                    required >= 0 && available >= 0
                            ? "Not enough credits: " + required + " needed, " + available + " available"
                            : "Not enough credits",
                    details);
        }
        if (e.status() == HttpStatus.CONFLICT.value()) {
            log.warn("credit-service refused the hold: {} {}", e.code(), e.errorMessage());
            return new DomainException(ErrorKind.CONFLICT, "IDEMPOTENCY_CONFLICT",
                    "Credits are already held for this session with different parameters");
        }
        if (e.unavailable()) {
            log.warn("credit-service answered {} ({}) to a hold", e.status(), e.code());
            return unavailableError();
        }
        return unexpected(e.status(), e.code());
    }

    private static DomainException unexpected(int status, String what) {
        log.error("credit-service answered {} ({}) to a hold: a bug or a misconfiguration", status, what);
        return new DomainException(ErrorKind.UPSTREAM_FAILED, "CREDIT_SERVICE_ERROR", "Credits could not be reserved");
    }

    private static DomainException unavailableError() {
        return new DomainException(ErrorKind.UNAVAILABLE, "CREDIT_SERVICE_UNAVAILABLE",
                "Credits cannot be reserved right now; try again shortly").retryAfter(Duration.ofSeconds(5));
    }
}
