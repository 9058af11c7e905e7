package com.waqup.gateway.edge;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A routed request's body is sent to its service from a copy the gateway owns (a heap buffer), never from the server
 * connection's pooled buffers. When a service's connection closes while a body is being written to it, Reactor Netty's
 * client can release the body's buffers twice; with the server's pooled buffers that handed their memory back while other
 * requests still used it, so later requests reached their services with another request's bytes (seen under load: Stripe
 * webhooks refused for a signature that did not match their body). With a copy, that failure costs only the request
 * whose connection closed (a 503 envelope). Bodies are at most {@code max-request-size} (RequestSizeWebFilter refuses
 * larger ones before this); a request without one is passed on untouched. Runs after authentication and the rate limit,
 * so nothing is read for a request that is refused anyway.
 */
@Component
class DetachedBodyFilter implements GlobalFilter, Ordered {

    /** Set on an exchange whose body is the gateway's own copy already (a chunked body RequestSizeWebFilter received). */
    static final String DETACHED = DetachedBodyFilter.class.getName() + ".detached";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (exchange.getAttribute(DETACHED) != null || !hasBody(request.getHeaders())) {
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(request.getBody())
                .map(DetachedBodyFilter::copyAndRelease)
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> chain.filter(exchange.mutate().request(new Detached(request, bytes)).build()));
    }

    static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /** The bytes of a received body, its (pooled) buffer released. */
    static byte[] copyAndRelease(DataBuffer joined) {
        try {
            byte[] bytes = new byte[joined.readableByteCount()];
            joined.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(joined);
        }
    }

    /** The request with its body as the gateway's own bytes: every subscription gets a fresh buffer over them. */
    static class Detached extends ServerHttpRequestDecorator {

        private final byte[] body;

        Detached(ServerHttpRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 200; // after TieredRateLimitFilter, before the routes' filters
    }
}
