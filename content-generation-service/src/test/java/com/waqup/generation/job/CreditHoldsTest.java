package com.waqup.generation.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import com.waqup.common.error.ApiException;
import com.waqup.common.test.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

/**
 * What a caller sees when credit-service is not there: real sockets, no stand-in for credit-service (its real
 * answers, 201 and 402, are covered by the ITs against the real service).
 */
class CreditHoldsTest {

    static CreditHolds clientOf(int port, Duration readTimeout) {
        return new CreditHolds(RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                        .build(HttpClientSettings.defaults().withTimeouts(Duration.ofSeconds(2), readTimeout)))
                .build());
    }

    static ApiException placeHold(CreditHolds credits) {
        return catchThrowableOfType(ApiException.class,
                () -> credits.place(UUID.randomUUID(), UUID.randomUUID(), ContentType.RITUAL));
    }

    @Test
    void shouldAnswer503WhenCreditServiceRefusesConnections() {
        int nobodyListens = ServiceProcess.freePort();
        ApiException error = placeHold(clientOf(nobodyListens, Duration.ofSeconds(5)));
        assertThat(error).isNotNull();
        assertThat(error.status().value()).isEqualTo(503);
        assertThat(error.code()).isEqualTo("CREDIT_SERVICE_UNAVAILABLE");
        assertThat(error.getMessage()).doesNotContain("127.0.0.1", "Exception");
        assertThat(error.headers()).containsEntry("Retry-After", "5");
    }

    @Test
    void shouldAnswer503WhenCreditServiceDoesNotAnswerInTime() throws Exception {
        // the kernel accepts connections into the backlog; nobody ever reads or answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            ApiException error = placeHold(clientOf(silent.getLocalPort(), Duration.ofMillis(500)));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(error).isNotNull();
            assertThat(error.status().value()).isEqualTo(503);
            assertThat(error.code()).isEqualTo("CREDIT_SERVICE_UNAVAILABLE");
            assertThat(waited).as("bounded by the read timeout").isLessThan(Duration.ofSeconds(4));
        }
    }
}
