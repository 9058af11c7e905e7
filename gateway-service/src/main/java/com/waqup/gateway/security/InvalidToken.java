package com.waqup.gateway.security;

import java.util.Map;

import com.waqup.common.error.ErrorCodes;
import com.waqup.gateway.edge.EnvelopeWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The gateway's 401: the error envelope with {@code WWW-Authenticate}, for a missing or a refused token. */
public final class InvalidToken {

    private InvalidToken() {
    }

    /** 401 {@code INVALID_TOKEN} when the request carried a token, {@code UNAUTHORIZED} when it carried none. */
    public static Mono<Void> write(EnvelopeWriter envelopes, ServerWebExchange exchange) {
        boolean tokenSent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                || exchange.getRequest().getQueryParams().containsKey("token");
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, tokenSent
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
                : "Bearer");
        return envelopes.write(exchange, HttpStatus.UNAUTHORIZED, tokenSent ? "INVALID_TOKEN" : "UNAUTHORIZED",
                tokenSent ? "The access token is invalid or expired" : ErrorCodes.messageForStatus(401), Map.of());
    }
}
