package com.waqup.common.http;

import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.waqup.common.http.VendorException.Reason;
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
 * One outside vendor's HTTP endpoint (the LLMs of conversation-service and content-generation-service, the TTS
 * engines of audio-generation-service): a {@link RestClient} from Boot's builder (so the correlation id and the client
 * metrics come along; no JWT or service token is ever added here) with connect and read timeouts, and Spring
 * Framework's {@link RetryTemplate} with exponential backoff (doubling, at most eight times the first delay) that
 * retries only what may succeed the next time: timeouts, broken connections, 429 and 5xx. A 400 or 401 is not
 * retried. Failures are {@link VendorException}s whose message names the vendor and the status, never its body.
 */
public final class VendorHttp {

    private final RestClient client;
    private final RetryTemplate retry;
    private final String vendor;

    /**
     * @param vendor      the vendor's name in messages ({@code openai}, {@code elevenlabs}, …)
     * @param maxAttempts calls per request, the first included (1 = no retry)
     * @param retryDelay  pause before the first retry
     */
    public VendorHttp(RestClient.Builder builder, String vendor, String baseUrl, Duration timeout, int maxAttempts,
            Duration retryDelay) {
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
                .predicate(e -> e instanceof VendorException v && v.retryable())
                .build());
    }

    /** POSTs a JSON body and returns the JSON answer as text; an empty or blank answer is {@link Reason#MALFORMED}. */
    public String postJson(String path, Consumer<HttpHeaders> headers, String body) {
        byte[] answer = retried(() -> once(() -> client.post().uri(path).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON).body(body).retrieve().body(byte[].class), Reason.MALFORMED));
        String text = new String(answer, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw VendorException.malformed(vendor + " answered with an empty body");
        }
        return text;
    }

    /** POSTs a JSON body and returns the answer's bytes (audio); an empty answer is {@link Reason#EMPTY}, retried. */
    public byte[] postForBytes(String pathAndQuery, Consumer<HttpHeaders> headers, String body) {
        return retried(() -> once(() -> client.post().uri(pathAndQuery).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(byte[].class), Reason.EMPTY));
    }

    /**
     * GETs a JSON document as text, one attempt only (e.g. a voice list: a vendor that is down must cost the caller
     * one timeout at most).
     */
    public String getOnce(String path, Consumer<HttpHeaders> headers) {
        byte[] answer = once(() -> client.get().uri(path).headers(headers).accept(MediaType.APPLICATION_JSON)
                .retrieve().body(byte[].class), Reason.EMPTY);
        return new String(answer, StandardCharsets.UTF_8);
    }

    private byte[] retried(Supplier<byte[]> attempt) {
        try {
            return retry.execute(attempt::get);
        } catch (RetryException e) {
            if (e.getLastException() instanceof VendorException last) {
                throw last;
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new VendorException(Reason.FAILED, 0, vendor + " call failed", cause);
        }
    }

    private byte[] once(Supplier<byte[]> request, Reason whenEmpty) {
        try {
            byte[] body = request.get();
            if (body == null || body.length == 0) {
                throw new VendorException(whenEmpty, 200, vendor + " answered with an empty body", null);
            }
            return body;
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            Reason reason = status == 429 ? Reason.RATE_LIMITED : status >= 500 ? Reason.SERVER_ERROR : Reason.CLIENT_ERROR;
            throw new VendorException(reason, status, vendor + " answered HTTP " + status, null);
        } catch (ResourceAccessException e) {
            boolean timeout = isTimeout(e);
            throw new VendorException(timeout ? Reason.TIMEOUT : Reason.IO, 0,
                    vendor + (timeout ? " did not answer within the timeout" : " connection failed"), e);
        } catch (RestClientException e) {
            throw new VendorException(Reason.FAILED, 0, vendor + " call failed (" + e.getClass().getSimpleName() + ")", e);
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
}
