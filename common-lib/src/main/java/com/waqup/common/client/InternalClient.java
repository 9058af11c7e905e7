package com.waqup.common.client;

import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.retry.Retry;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

/**
 * Calls to one other service's {@code /internal/**} endpoints, made by {@link InternalClients}: its base URL, this
 * service's token, the correlation id, bounded waits. Bodies are records in the platform's JSON (snake_case). A 2xx
 * answer is read into the requested type; anything else is an {@link InternalCallException} with the other service's
 * error envelope decoded, so callers decide on status and code, never on exception types of the HTTP library.
 * <p>
 * Every call goes through the target service's circuit breaker and bulkhead (shared by all clients of that service):
 * while the service keeps failing, or while too many calls to it are in flight, a call is refused at once, without
 * being sent, as an {@link InternalCallException} that is {@link InternalCallException#unavailable() unavailable}.
 * Idempotent calls (GET, PUT, DELETE, {@link #idempotentPost}) are retried a bounded number of times when the service
 * could not be reached or answered 502/503/504; a POST is sent once. No call waits past the {@link Deadline} of the work
 * in progress, and each carries its own deadline to the service it calls.
 */
public final class InternalClient {

    private final String service;
    private final RestClient http;
    private final Guards guards;

    InternalClient(String service, RestClient http, Guards guards) {
        this.service = service;
        this.http = http;
        this.guards = guards;
    }

    /** The circuit breaker (with its bulkhead) and the retry of one target service. */
    record Guards(CircuitBreaker circuitBreaker, Retry retry) {
    }

    /** The service this client calls, by its name in {@code waqup.services}. */
    public String service() {
        return service;
    }

    /** {@code GET uri} → the answer as {@code type} ({@code null} for an empty 2xx body). */
    public <T> T get(Class<T> type, String uri, Object... uriVariables) {
        return call(() -> http.get().uri(uri, uriVariables).accept(MediaType.APPLICATION_JSON), type, "GET " + uri, true);
    }

    /** {@code PUT uri} with {@code body} as JSON → the answer as {@code type}; retried like a GET (PUT is idempotent). */
    public <T> T put(Class<T> type, String uri, Object body, Object... uriVariables) {
        return call(() -> withBody(http.put().uri(uri, uriVariables), body), type, "PUT " + uri, true);
    }

    /** {@code DELETE uri} → the answer as {@code type}; retried like a GET (DELETE is idempotent). */
    public <T> T delete(Class<T> type, String uri, Object... uriVariables) {
        return call(() -> http.delete().uri(uri, uriVariables).accept(MediaType.APPLICATION_JSON), type, "DELETE " + uri, true);
    }

    /**
     * {@code POST uri} with {@code body} as JSON ({@code null}: no body) → the answer as {@code type} ({@code null}
     * for an empty 2xx body; pass {@code Void.class} when the answer does not matter).
     */
    public <T> T post(Class<T> type, String uri, Object body, Object... uriVariables) {
        return call(() -> withBody(http.post().uri(uri, uriVariables), body), type, "POST " + uri, false);
    }

    /**
     * {@link #post} for an endpoint that gives the same result when the same request arrives twice (it is keyed by an
     * id the request carries: a job id, an event id), so it is retried like a GET.
     */
    public <T> T idempotentPost(Class<T> type, String uri, Object body, Object... uriVariables) {
        return call(() -> withBody(http.post().uri(uri, uriVariables), body), type, "POST " + uri, true);
    }

    private static RestClient.RequestHeadersSpec<?> withBody(RestClient.RequestBodySpec request, Object body) {
        RestClient.RequestBodySpec spec = request.accept(MediaType.APPLICATION_JSON);
        return body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private <T> T call(Supplier<RestClient.RequestHeadersSpec<?>> request, Class<T> type, String what, boolean idempotent) {
        Supplier<T> guarded = () -> guards.circuitBreaker().run(() -> once(request.get(), type, what), InternalClient::rethrow);
        if (idempotent) {
            guarded = Retry.decorateSupplier(guards.retry(), guarded);
        }
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw new InternalCallException(service, 0, false, null, null, Map.of(),
                    service + " is failing (circuit open): " + what + " not sent", e);
        } catch (BulkheadFullException e) {
            throw new InternalCallException(service, 0, false, null, null, Map.of(),
                    service + " has too many calls in flight: " + what + " not sent", e);
        } catch (DeadlinePassed e) {
            throw new InternalCallException(service, 0, true, null, null, Map.of(),
                    "the deadline of the work in progress has passed: " + what + " to " + service + " not sent", null);
        }
    }

    /** The circuit breaker's fallback: what went wrong goes on to the caller (and to the retry) unchanged. */
    private static <T> T rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(failure);
    }

    /** No time was left to send a call: not a failure of the service called (its circuit breaker ignores it). */
    static final class DeadlinePassed extends RuntimeException {

        DeadlinePassed() {
            super(null, null, false, false);
        }
    }

    private <T> T once(RestClient.RequestHeadersSpec<?> request, Class<T> type, String what) {
        if (Deadline.budget(Duration.ofMillis(1)).isZero()) {
            throw new DeadlinePassed();
        }
        try {
            return request.exchange((req, response) -> {
                HttpStatusCode status = response.getStatusCode();
                if (!status.is2xxSuccessful()) {
                    throw refused(status.value(), response, what);
                }
                if (type == Void.class) {
                    return null;
                }
                try {
                    return response.bodyTo(type);
                } catch (RestClientException | IllegalStateException e) {
                    throw new InternalCallException(service, status.value(), false, null, null, Map.of(),
                            service + " answered " + what + " with an unreadable " + status.value() + " body", e);
                }
            });
        } catch (ResourceAccessException e) {
            boolean timeout = isTimeout(e);
            throw new InternalCallException(service, 0, timeout, null, null, Map.of(), service
                    + (timeout ? " did not answer " + what + " in time" : " could not be reached for " + what), e);
        } catch (RestClientException | IllegalStateException e) {
            // the request could not be made (the service token could not be obtained, the body not written)
            throw new InternalCallException(service, 0, false, null, null, Map.of(),
                    what + " to " + service + " failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private InternalCallException refused(int status, ConvertibleClientHttpResponse response, String what) {
        ErrorBody body = null;
        try {
            body = response.bodyTo(ErrorBody.class);
        } catch (RestClientException | IllegalStateException e) {
            // not the envelope (a proxy's page, an empty body): the status alone tells
        }
        ErrorBody.Error error = body != null ? body.error() : null;
        String code = error != null ? error.code() : null;
        return new InternalCallException(service, status, false, code, error != null ? error.message() : null,
                error != null ? error.details() : Map.of(),
                service + " answered " + what + " with " + status + (code != null ? " " + code : ""), null);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** The platform's error envelope as another service sends it. */
    record ErrorBody(Error error) {

        record Error(String code, String message, Map<String, Object> details) {
        }
    }
}
