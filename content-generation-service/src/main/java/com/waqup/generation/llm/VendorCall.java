package com.waqup.generation.llm;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * One vendor endpoint: a {@link RestClient} from Boot's builder (correlation id, client metrics; never a platform
 * token) with connect and read timeouts, behind a Resilience4j {@link Retry} that retries only what may succeed
 * next time (timeouts, broken connections, 429, 5xx) with exponential backoff. A 400 or 401 fails at once.
 */
final class VendorCall {

    private final RestClient client;
    private final Retry retry;

    VendorCall(RestClient client, Retry retry) {
        this.client = client;
        this.retry = retry;
    }

    static VendorCall create(RestClient.Builder builder, String baseUrl, LlmProperties llm) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(llm.timeout()).version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(llm.timeout());
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        RestClient client = builder.clone().baseUrl(base).requestFactory(factory).build();
        return new VendorCall(client, retry(base, llm.maxAttempts(), llm.retryDelay()));
    }

    static Retry retry(String name, int maxAttempts, Duration delay) {
        return Retry.of(name, RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(delay, 2.0))
                .retryOnException(e -> e instanceof VendorException v && v.retryable())
                .failAfterMaxAttempts(false)
                .build());
    }

    /** POSTs the JSON body and returns the response body, or throws the last {@link VendorException}. */
    String postJson(String path, Consumer<HttpHeaders> headers, String body) {
        Supplier<String> call = Retry.decorateSupplier(retry, () -> once(path, headers, body));
        return call.get();
    }

    private String once(String path, Consumer<HttpHeaders> headers, String body) {
        try {
            String response = client.post().uri(path).headers(headers).contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON).body(body).retrieve().body(String.class);
            if (response == null || response.isBlank()) {
                throw new VendorException("the vendor answered with an empty body", false, null);
            }
            return response;
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            throw new VendorException("the vendor answered HTTP " + status, status == 429 || status >= 500, null);
        } catch (ResourceAccessException e) {
            throw new VendorException("the vendor did not answer in time or the connection failed", true, e);
        } catch (RestClientException e) {
            throw new VendorException("the vendor call failed (" + e.getClass().getSimpleName() + ")", false, e);
        }
    }
}
