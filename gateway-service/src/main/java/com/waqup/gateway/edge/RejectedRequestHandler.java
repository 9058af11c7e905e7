package com.waqup.gateway.edge;

import java.util.Map;
import java.util.Set;

import com.waqup.common.error.ErrorCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What Spring Security's strict firewall refuses (a {@code ;} path parameter, an encoded {@code %00}, {@code %2e} or
 * {@code %25}, a {@code //}, a method such as TRACE) is answered with the seed's envelope instead of an empty 400: a
 * method it does not serve is 405 {@code METHOD_NOT_ALLOWED} with {@code Allow}, anything else 400 {@code BAD_REQUEST}.
 * The reason stays in the log; the client learns only that the request is not acceptable.
 */
@Component
class RejectedRequestHandler implements ServerExchangeRejectedHandler {

    static final Set<HttpMethod> SERVED = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);
    private static final Logger log = LoggerFactory.getLogger(RejectedRequestHandler.class);

    private final EnvelopeWriter envelopes;

    RejectedRequestHandler(EnvelopeWriter envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
        log.debug("request refused by the firewall: {}", ex.getMessage());
        if (!SERVED.contains(exchange.getRequest().getMethod())) {
            exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
            return envelopes.write(exchange, HttpStatus.METHOD_NOT_ALLOWED, ErrorCodes.forStatus(405),
                    ErrorCodes.messageForStatus(405), Map.of());
        }
        return envelopes.write(exchange, HttpStatus.BAD_REQUEST, ErrorCodes.forStatus(400),
                "The request path or headers are not acceptable", Map.of());
    }
}
