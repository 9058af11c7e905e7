package com.waqup.gateway.edge;

import java.util.Map;
import java.util.Set;

import com.waqup.gateway.config.GatewayProperties;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Request bodies over {@code waqup.gateway.max-request-size} are refused with 413, by the bytes actually received: a
 * declared {@code Content-Length} over the limit at once, before anything is read. A body without one (chunked) is read
 * here, up to the limit, before the request is routed: one more byte and the 413 envelope is written by this filter
 * (nothing reached a service, nothing keeps reading or buffering the rest); within the limit the service gets it whole,
 * with its {@code Content-Length}. So the refusal never races a half-forwarded request (the answer to a chunked body over
 * the limit is always the envelope), at the cost of holding at most the limit (1 MB) per chunked request in memory;
 * the platform's own clients send a {@code Content-Length}. The body received here is already the gateway's own copy
 * ({@link DetachedBodyFilter} does not copy it again).
 */
@Component
class RequestSizeWebFilter implements WebFilter, Ordered {

    private static final Object TOO_LARGE = new Object();

    private static final Object NO_BODY = new Object();

    /** Methods whose HTTP/1.1 requests without {@code Content-Length} or {@code Transfer-Encoding} carry no body. */
    private static final Set<HttpMethod> BODILESS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.DELETE);

    private final long max;
    private final EnvelopeWriter envelopes;

    RequestSizeWebFilter(GatewayProperties properties, EnvelopeWriter envelopes) {
        this.max = properties.maxRequestSize().toBytes();
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long length = request.getHeaders().getContentLength();
        if (length > max) {
            return tooLarge(exchange);
        }
        if (length >= 0 || (!request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING) && BODILESS.contains(request.getMethod()))) {
            return chain.filter(exchange); // declared within the limit (Netty never reads past it), or no body at all
        }
        return DataBufferUtils.join(request.getBody(), (int) Math.min(max, Integer.MAX_VALUE))
                .cast(Object.class)
                .defaultIfEmpty(NO_BODY)
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(TOO_LARGE))
                .flatMap(body -> {
                    if (body == TOO_LARGE) {
                        return tooLarge(exchange);
                    }
                    if (body == NO_BODY) {
                        return chain.filter(exchange);
                    }
                    exchange.getAttributes().put(DetachedBodyFilter.DETACHED, Boolean.TRUE);
                    byte[] bytes = DetachedBodyFilter.copyAndRelease((DataBuffer) body);
                    return chain.filter(exchange.mutate().request(new Received(request, bytes)).build());
                });
    }

    /** The 413 envelope, on a connection that is then closed (the rest of the body is never read). */
    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().setConnection("close");
        return envelopes.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                "The request body is larger than " + max + " bytes", Map.of("max_bytes", max));
    }

    /**
     * A chunked request whose body was received whole: the body (the gateway's own copy, as {@link DetachedBodyFilter}
     * would make it) and its length, no longer chunked.
     */
    private static final class Received extends DetachedBodyFilter.Detached {

        private final HttpHeaders headers;

        Received(ServerHttpRequest request, byte[] body) {
            super(request, body);
            HttpHeaders copy = new HttpHeaders();
            copy.putAll(request.getHeaders());
            copy.remove(HttpHeaders.TRANSFER_ENCODING);
            copy.setContentLength(body.length);
            this.headers = HttpHeaders.readOnlyHttpHeaders(copy);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
