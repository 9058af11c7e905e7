package com.waqup.generation.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * credit-service's holds, as a generation job needs them: {@code POST /internal/credits/holds} with this
 * service's token. credit-service is idempotent by job id, so placing the hold of a job again returns the hold it
 * already has (whatever its state) and never reserves twice. Its answers become this service's errors:
 * <ul>
 * <li>402 {@code INSUFFICIENT_CREDITS}: the same code with {@code details: {required, available}};</li>
 * <li>409 (the job already holds credits with other parameters): 409 {@code IDEMPOTENCY_CONFLICT};</li>
 * <li>no connection, a timeout, or a 5xx: 503 {@code CREDIT_SERVICE_UNAVAILABLE} (the caller may retry);</li>
 * <li>anything else (our request refused): 502 {@code CREDIT_SERVICE_ERROR}, logged.</li>
 * </ul>
 */
class CreditHolds {

    private static final Logger log = LoggerFactory.getLogger(CreditHolds.class);

    private final RestClient http;

    /** {@code http}: credit-service's base URL, timeouts and the service token are already configured. */
    CreditHolds(RestClient http) {
        this.http = http;
    }

    /** The part of credit-service's hold this service reads. */
    record Hold(UUID holdId, UUID jobId, UUID userId, int amount, String status) {

        boolean open() {
            return "open".equals(status);
        }
    }

    private record HoldRequest(UUID jobId, UUID userId, String contentType, UUID contentId) {
    }

    private record ErrorBody(ErrorDetail error) {
    }

    private record ErrorDetail(String code, String message, Map<String, Object> details) {
    }

    /** Reserves the credits of a {@code type} creation for {@code jobId} (the content item has the job's id). */
    Hold place(UUID jobId, UUID userId, ContentType type) {
        try {
            return http.post().uri("/internal/credits/holds").contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(new HoldRequest(jobId, userId, type.code(), jobId))
                    .exchange((request, response) -> {
                        HttpStatusCode status = response.getStatusCode();
                        if (status.is2xxSuccessful()) {
                            Hold hold = response.bodyTo(Hold.class);
                            if (hold == null) {
                                throw unexpected(status, "an empty hold");
                            }
                            return hold;
                        }
                        throw refused(status, readError(response));
                    });
        } catch (RestClientException e) {
            throw unavailable(e);
        }
    }

    /** What credit-service answered to a capture or a release. */
    enum Outcome {
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
    static class UnavailableException extends RuntimeException {

        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record ReleaseRequest(String reason) {
    }

    /** The job succeeded: its held credits are consumed ({@code POST /internal/credits/holds/{jobId}/capture}). */
    Outcome capture(UUID jobId) {
        return settle(jobId, "capture", null);
    }

    /** The job failed: its held credits come back ({@code POST /internal/credits/holds/{jobId}/release}). */
    Outcome release(UUID jobId, String reason) {
        return settle(jobId, "release", new ReleaseRequest(reason.length() > 200 ? reason.substring(0, 200) : reason));
    }

    private Outcome settle(UUID jobId, String action, Object body) {
        try {
            RestClient.RequestBodySpec request = http.post().uri("/internal/credits/holds/{jobId}/" + action, jobId)
                    .accept(MediaType.APPLICATION_JSON);
            if (body != null) {
                request = request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.exchange((req, response) -> {
                HttpStatusCode status = response.getStatusCode();
                if (status.is2xxSuccessful()) {
                    return Outcome.DONE;
                }
                ErrorDetail error = readError(response);
                if (status.value() == HttpStatus.CONFLICT.value() && "HOLD_ALREADY_RELEASED".equals(error.code())) {
                    return Outcome.ALREADY_RELEASED;
                }
                if (status.value() == HttpStatus.CONFLICT.value() && "HOLD_ALREADY_CAPTURED".equals(error.code())) {
                    return Outcome.ALREADY_CAPTURED;
                }
                if (status.value() == HttpStatus.NOT_FOUND.value()) {
                    return Outcome.NO_HOLD;
                }
                throw new UnavailableException("credit-service answered " + status.value() + " (" + error.code()
                        + ") to the " + action + " of job " + jobId, null);
            });
        } catch (RestClientException e) {
            throw new UnavailableException("credit-service not reachable for the " + action + " of job " + jobId, e);
        }
    }

    private static ErrorDetail readError(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) {
        try {
            ErrorBody body = response.bodyTo(ErrorBody.class);
            return body != null && body.error() != null ? body.error() : new ErrorDetail(null, null, Map.of());
        } catch (RestClientException | IllegalStateException e) {
            return new ErrorDetail(null, null, Map.of()); // not the envelope: the status alone decides
        }
    }

    private static ApiException refused(HttpStatusCode status, ErrorDetail error) {
        if (status.value() == HttpStatus.PAYMENT_REQUIRED.value()) {
            Map<String, Object> details = new LinkedHashMap<>();
            Map<String, Object> given = error.details() == null ? Map.of() : error.details();
            for (String key : new String[] { "required", "available" }) {
                if (given.get(key) != null) {
                    details.put(key, given.get(key));
                }
            }
            int required = details.get("required") instanceof Number n ? n.intValue() : -1;
            int available = details.get("available") instanceof Number n ? n.intValue() : -1;
            return new ApiException(HttpStatus.PAYMENT_REQUIRED, "INSUFFICIENT_CREDITS",
                    required >= 0 && available >= 0
                            ? "Not enough credits: " + required + " needed, " + available + " available"
                            : "Not enough credits",
                    details);
        }
        if (status.value() == HttpStatus.CONFLICT.value()) {
            log.warn("credit-service refused the hold: {} {}", error.code(), error.message());
            return new ApiException(HttpStatus.CONFLICT, "IDEMPOTENCY_CONFLICT",
                    "Credits are already held for this session with different parameters");
        }
        if (status.is5xxServerError()) {
            log.warn("credit-service answered {} ({}) to a hold", status.value(), error.code());
            return unavailableError();
        }
        return unexpected(status, error.code());
    }

    private static ApiException unexpected(HttpStatusCode status, String what) {
        log.error("credit-service answered {} ({}) to a hold: a bug or a misconfiguration", status.value(), what);
        return new ApiException(HttpStatus.BAD_GATEWAY, "CREDIT_SERVICE_ERROR", "Credits could not be reserved");
    }

    private static ApiException unavailable(RestClientException cause) {
        log.warn("credit-service not reachable for a hold: {}", cause.toString());
        return unavailableError();
    }

    private static ApiException unavailableError() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "CREDIT_SERVICE_UNAVAILABLE",
                "Credits cannot be reserved right now; try again shortly").withHeader("Retry-After", "5");
    }
}
