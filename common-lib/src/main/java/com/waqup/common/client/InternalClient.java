package com.waqup.common.client;

import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.util.Map;

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
 */
public final class InternalClient {

    private final String service;
    private final RestClient http;

    InternalClient(String service, RestClient http) {
        this.service = service;
        this.http = http;
    }

    /** The service this client calls, by its name in {@code waqup.services}. */
    public String service() {
        return service;
    }

    /** {@code GET uri} → the answer as {@code type} ({@code null} for an empty 2xx body). */
    public <T> T get(Class<T> type, String uri, Object... uriVariables) {
        return call(http.get().uri(uri, uriVariables).accept(MediaType.APPLICATION_JSON), type, "GET " + uri);
    }

    /**
     * {@code POST uri} with {@code body} as JSON ({@code null}: no body) → the answer as {@code type} ({@code null}
     * for an empty 2xx body; pass {@code Void.class} when the answer does not matter).
     */
    public <T> T post(Class<T> type, String uri, Object body, Object... uriVariables) {
        RestClient.RequestBodySpec request = http.post().uri(uri, uriVariables).accept(MediaType.APPLICATION_JSON);
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return call(request, type, "POST " + uri);
    }

    private <T> T call(RestClient.RequestHeadersSpec<?> request, Class<T> type, String what) {
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
