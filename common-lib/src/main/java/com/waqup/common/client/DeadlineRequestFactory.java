package com.waqup.common.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * Requests on the JDK's {@link HttpClient} that wait for the answer at most {@code min(read timeout, time left before
 * the caller's Deadline)} and tell the service called when its caller stops waiting ({@value Deadline#HEADER}).
 */
final class DeadlineRequestFactory implements ClientHttpRequestFactory {

    private static final Duration LEAST = Duration.ofMillis(1);

    private final HttpClient http;
    private final Duration readTimeout;
    private final SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("internal-http-");

    DeadlineRequestFactory(HttpClient http, Duration readTimeout) {
        this.http = http;
        this.readTimeout = readTimeout;
    }

    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
        Duration budget = Deadline.budget(readTimeout);
        if (budget.compareTo(LEAST) < 0) {
            budget = LEAST;
        }
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http, executor);
        factory.setReadTimeout(budget);
        ClientHttpRequest request = factory.createRequest(uri, httpMethod);
        request.getHeaders().set(Deadline.HEADER, Deadline.format(Instant.now().plus(budget)));
        return request;
    }
}
