package com.waqup.audio.voice;

import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * A TTS vendor's HTTP endpoint: connect and read timeouts, and a bounded retry with exponential backoff of what
 * may work the next time (timeouts, broken connections, 429, 5xx). A 4xx other than 429 fails at once and is not
 * retryable. Error messages carry the status only: never the key, never the vendor's body.
 */
final class VendorHttp {

    private final RestClient client;
    private final RetryTemplate retry;
    private final String vendor;

    VendorHttp(RestClient.Builder builder, String vendor, String baseUrl, Duration timeout, int maxAttempts, Duration retryDelay) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(timeout);
        this.vendor = vendor;
        this.client = builder.clone().baseUrl(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl)
                .requestFactory(factory).build();
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(maxAttempts - 1)
                .delay(retryDelay)
                .multiplier(2)
                .maxDelay(retryDelay.multipliedBy(8))
                .predicate(e -> e instanceof Failure f && f.retryable)
                .build());
    }

    /** POSTs JSON, returns the (audio) bytes of the answer. */
    byte[] postForBytes(String pathAndQuery, Consumer<HttpHeaders> headers, String json) throws TtsException {
        return call(() -> client.post().uri(pathAndQuery).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(json).retrieve().body(byte[].class));
    }

    /**
     * GETs a JSON document as text, one attempt only: used for voice lists, where a vendor that is down must cost the
     * caller one timeout at most (the list is then left out, or the job tries the vendor's synthesis with retries).
     */
    String getOnce(String path, Consumer<HttpHeaders> headers) throws TtsException {
        try {
            byte[] body = once(() -> client.get().uri(path).headers(headers).accept(MediaType.APPLICATION_JSON)
                    .retrieve().body(byte[].class));
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        } catch (Failure f) {
            throw new TtsException(f.getMessage(), f.retryable, f.status, null);
        }
    }

    private byte[] call(java.util.function.Supplier<byte[]> request) throws TtsException {
        try {
            return retry.execute(() -> once(request));
        } catch (RetryException e) {
            Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
            if (last instanceof Failure f) {
                throw new TtsException(f.getMessage(), f.retryable, f.status, null);
            }
            throw new TtsException(vendor + " call failed", true, 0, null);
        }
    }

    private byte[] once(java.util.function.Supplier<byte[]> request) {
        try {
            byte[] body = request.get();
            if (body == null || body.length == 0) {
                throw new Failure(vendor + " answered with an empty body", true, 200);
            }
            return body;
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            boolean retryable = status == 429 || status >= 500;
            throw new Failure(vendor + " answered HTTP " + status, retryable, status);
        } catch (ResourceAccessException e) {
            throw new Failure(isTimeout(e) ? vendor + " did not answer within the timeout" : vendor + " connection failed", true, 0);
        } catch (RestClientException e) {
            throw new Failure(vendor + " call failed", false, 0);
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** One failed attempt; only the status and a safe message. */
    static final class Failure extends RuntimeException {
        final boolean retryable;
        final int status;

        Failure(String message, boolean retryable, int status) {
            super(message, null, false, false);
            this.retryable = retryable;
            this.status = status;
        }
    }
}
