package com.waqup.generation.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.test.ServiceProcess;
import com.waqup.common.test.TestInternalClients;
import com.waqup.common.web.ErrorStatus;
import org.junit.jupiter.api.Test;

/**
 * What a caller sees when credit-service is not there: real sockets, no stand-in for credit-service (its real
 * answers, 201 and 402, are covered by the ITs against the real service).
 */
class CreditHoldsTest {

    static CreditHolds clientOf(int port, Duration readTimeout) {
        return new CreditHolds(TestInternalClients.client("credit", "http://127.0.0.1:" + port, readTimeout));
    }

    static DomainException placeHold(CreditHolds credits) {
        return catchThrowableOfType(DomainException.class,
                () -> credits.place(UUID.randomUUID(), UUID.randomUUID(), "ritual"));
    }

    @Test
    void shouldAnswer503WhenCreditServiceRefusesConnections() {
        int nobodyListens = ServiceProcess.freePort();
        DomainException error = placeHold(clientOf(nobodyListens, Duration.ofSeconds(5)));
        assertThat(error).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(ErrorStatus.of(error.kind()).value()).isEqualTo(503);
        assertThat(error.code()).isEqualTo("CREDIT_SERVICE_UNAVAILABLE");
        assertThat(error.getMessage()).doesNotContain("127.0.0.1", "Exception");
        assertThat(error.retryAfter()).as("Retry-After").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldAnswer503WhenCreditServiceDoesNotAnswerInTime() throws Exception {
        // the kernel accepts connections into the backlog; nobody ever reads or answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            DomainException error = placeHold(clientOf(silent.getLocalPort(), Duration.ofMillis(500)));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(error).isNotNull();
            assertThat(error.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            assertThat(ErrorStatus.of(error.kind()).value()).isEqualTo(503);
            assertThat(error.code()).isEqualTo("CREDIT_SERVICE_UNAVAILABLE");
            assertThat(waited).as("bounded by the read timeout").isLessThan(Duration.ofSeconds(4));
        }
    }
}
