package com.waqup.gateway.edge;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.waqup.common.correlation.CorrelationId;
import com.waqup.common.error.ErrorCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself produces (no route, a path that is never public, a downstream that is down
 * or too slow, anything unexpected) is the seed's error envelope; never a stack trace or exception text.
 */
@Component
@Order(-2)
class EnvelopeErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeErrorWebExceptionHandler.class);
    private final EnvelopeWriter writer;

    EnvelopeErrorWebExceptionHandler(EnvelopeWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        HttpStatusCode status = statusOf(ex);
        String correlationId = CorrelationIdWebFilter.of(exchange);
        if (status.is5xxServerError()) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable(CorrelationId.MDC_KEY, correlationId)) {
                log.warn("gateway error {} on {} {}: {}", status.value(), exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), ex.toString());
            }
        }
        if (ex instanceof ResponseStatusException rse) {
            rse.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
        }
        return writer.write(exchange, status, ErrorCodes.forStatus(status.value()),
                ErrorCodes.messageForStatus(status.value()), Map.of());
    }

    /**
     * A downstream that refuses the connection is unavailable (503); one that is too slow is a gateway timeout (504:
     * a proxied call, or user-service's key set not fetched in time, which Spring Security reports as an
     * {@code IllegalStateException("Could not obtain the keys")} caused by Netty's {@code ReadTimeoutException});
     * one whose connection breaks during the exchange (closed before the answer, reset: a service killed or restarted
     * mid-request, bench/faults.sh) is a bad gateway (502), not the gateway's own failure (500).
     */
    static HttpStatusCode statusOf(Throwable ex) {
        if (ex instanceof ResponseStatusException rse) {
            return rse.getStatusCode();
        }
        boolean brokenConnection = false;
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t.getClass().getSimpleName().contains("ConnectException")) {
                return HttpStatus.SERVICE_UNAVAILABLE;
            }
            if (t instanceof TimeoutException || t.getClass().getSimpleName().endsWith("TimeoutException")) {
                return HttpStatus.GATEWAY_TIMEOUT; // also Netty's ReadTimeoutException (the JWKS fetch's 5 s bound)
            }
            brokenConnection |= t instanceof IOException; // Reactor Netty's PrematureCloseException, a reset
        }
        return brokenConnection ? HttpStatus.BAD_GATEWAY : HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
