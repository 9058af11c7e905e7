package com.waqup.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.http.client.PrematureCloseException;

/** The status of an error the gateway answers itself, by what went wrong with the downstream. */
class EnvelopeErrorWebExceptionHandlerTest {

    @Test
    void shouldAnswerBadGatewayWhenTheDownstreamClosesTheConnectionBeforeAnswering() {
        // what bench/faults.sh saw as a 500 when a service was SIGKILLed mid-request
        assertThat(EnvelopeErrorWebExceptionHandler.statusOf(PrematureCloseException.TEST_EXCEPTION))
                .isEqualTo(HttpStatus.BAD_GATEWAY);
    }

    @Test
    void shouldAnswerBadGatewayWhenTheDownstreamResetsTheConnection() {
        IOException reset = new IOException("recvAddress(..) failed with error(-104): Connection reset by peer");
        assertThat(EnvelopeErrorWebExceptionHandler.statusOf(reset)).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(EnvelopeErrorWebExceptionHandler.statusOf(new IllegalStateException("wrapped", reset)))
                .isEqualTo(HttpStatus.BAD_GATEWAY);
    }

    @Test
    void shouldAnswerServiceUnavailableWhenTheDownstreamRefusesTheConnection() {
        assertThat(EnvelopeErrorWebExceptionHandler.statusOf(new ConnectException("Connection refused")))
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(EnvelopeErrorWebExceptionHandler.statusOf(new IOException("wrapped", new ConnectException("refused"))))
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void shouldAnswerGatewayTimeoutWhenTheDownstreamIsTooSlow() {
        assertThat(EnvelopeErrorWebExceptionHandler.statusOf(new TimeoutException("read")))
                .isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
    }

    @Test
    void shouldAnswerGatewayTimeoutWhenTheKeySetIsNotFetchedInTime() {
        // Spring Security's error for user-service's JWKS not answering within the 5 s bound; was a 500 in bench/faults.sh
        IllegalStateException keys = new IllegalStateException("Could not obtain the keys", ReadTimeoutException.INSTANCE);
        assertThat(EnvelopeErrorWebExceptionHandler.statusOf(keys)).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
    }

    @Test
    void shouldKeepAnExplicitStatusAndAnswerInternalErrorForAnythingElse() {
        assertThat(EnvelopeErrorWebExceptionHandler.statusOf(new ResponseStatusException(HttpStatus.NOT_FOUND)))
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(EnvelopeErrorWebExceptionHandler.statusOf(new IllegalStateException("bug")))
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
