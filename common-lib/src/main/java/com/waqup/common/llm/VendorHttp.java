package com.waqup.common.llm;

import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;

import com.waqup.common.llm.LlmException.Reason;
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
 * One vendor's HTTP endpoint: a {@link RestClient} from Boot's builder (so the correlation id and the client
 * metrics come along; no JWT or service token is ever added here) with connect and read timeouts, and Spring
 * Framework's {@link RetryTemplate} that retries only what may succeed the next time: timeouts, broken
 * connections, 429 and 5xx. A 400 or 401 is not retried.
 */
public final class VendorHttp {

    private final RestClient client;
    private final RetryTemplate retry;

    /** The vendor at {@code baseUrl} with the timeout and retries of {@code llm}. */
    public VendorHttp(RestClient.Builder builder, String baseUrl, LlmProperties llm) {
        this(builder, baseUrl, llm.timeout(), llm.maxAttempts(), llm.retryDelay());
    }

    public VendorHttp(RestClient.Builder builder, String baseUrl, Duration timeout, int maxAttempts, Duration retryDelay) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(timeout);
        this.client = builder.clone().baseUrl(stripTrailingSlash(baseUrl)).requestFactory(factory).build();
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(maxAttempts - 1)
                .delay(retryDelay)
                .multiplier(2)
                .maxDelay(retryDelay.multipliedBy(4))
                .predicate(e -> e instanceof LlmException l && l.retryable())
                .build());
    }

    /** POSTs the JSON body and returns the response body, or throws {@link LlmException} after the retries. */
    public String postJson(String path, Consumer<HttpHeaders> headers, String body) {
        try {
            return retry.execute(() -> once(path, headers, body));
        } catch (RetryException e) {
            if (e.getLastException() instanceof LlmException last) {
                throw last;
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new LlmException(Reason.IO, 0, "vendor call failed: " + cause.getClass().getSimpleName(), cause);
        }
    }

    private String once(String path, Consumer<HttpHeaders> headers, String body) {
        try {
            String response = client.post()
                    .uri(path)
                    .headers(headers)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .body(String.class);
            if (response == null || response.isBlank()) {
                throw LlmException.malformed("the vendor answered with an empty body");
            }
            return response;
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            Reason reason = status == 429 ? Reason.RATE_LIMITED : status >= 500 ? Reason.SERVER_ERROR : Reason.CLIENT_ERROR;
            throw new LlmException(reason, status, "the vendor answered HTTP " + status, null);
        } catch (ResourceAccessException e) {
            Reason reason = isTimeout(e) ? Reason.TIMEOUT : Reason.IO;
            throw new LlmException(reason, 0, reason == Reason.TIMEOUT ? "no answer within the timeout" : "the connection failed", e);
        } catch (RestClientException e) {
            throw new LlmException(Reason.IO, 0, "the vendor call failed: " + e.getClass().getSimpleName(), e);
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

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
