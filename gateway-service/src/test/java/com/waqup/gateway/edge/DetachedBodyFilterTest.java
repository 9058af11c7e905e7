package com.waqup.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class DetachedBodyFilterTest {

    private final DetachedBodyFilter filter = new DetachedBodyFilter();
    private final NettyDataBufferFactory pooled = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);

    @Test
    void shouldHandTheRouteItsOwnCopyOfTheBodyAndGiveTheConnectionsPooledBuffersBack() {
        // a pooled buffer per chunk, as the server connection reads them
        NettyDataBuffer a = pooled("{\"id\":\"evt_1\",");
        NettyDataBuffer b = pooled("\"type\":\"checkout.session.completed\"}");
        MockServerHttpRequest request = MockServerHttpRequest.post("/api/v1/payments/webhook")
                .contentLength(a.readableByteCount() + b.readableByteCount()).body(Flux.just(a, b));
        ServerWebExchange routed = route(MockServerWebExchange.from(request));

        assertThat(a.getNativeBuffer().refCnt()).as("the connection's buffers are released once copied").isZero();
        assertThat(b.getNativeBuffer().refCnt()).isZero();
        for (int subscription = 0; subscription < 2; subscription++) { // a second subscription (a retry) gets the same bytes
            List<DataBuffer> body = routed.getRequest().getBody().collectList().block();
            assertThat(body).hasSize(1);
            assertThat(body.getFirst()).as("a heap copy, not a pooled buffer of the connection").isNotInstanceOf(NettyDataBuffer.class);
            assertThat(body.getFirst().toString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\"}");
            DataBufferUtils.release(body.getFirst());
        }
    }

    private NettyDataBuffer pooled(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        NettyDataBuffer buffer = pooled.allocateBuffer(bytes.length);
        buffer.write(bytes);
        return buffer;
    }

    @Test
    void shouldNotCopyAgainABodyTheEdgeReceivedAsItsOwnCopy() {
        MockServerHttpRequest request = MockServerHttpRequest.post("/api/v1/content").contentLength(2).body("{}");
        MockServerWebExchange original = MockServerWebExchange.from(request);
        original.getAttributes().put(DetachedBodyFilter.DETACHED, Boolean.TRUE);

        assertThat(route(original)).isSameAs(original);
    }

    @Test
    void shouldPassARequestWithoutABodyOnUntouched() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/api/v1/catalog/packs").build();
        MockServerWebExchange original = MockServerWebExchange.from(request);

        assertThat(route(original)).isSameAs(original);
    }

    /** Runs the filter and answers the exchange it passed on to the route. */
    private ServerWebExchange route(ServerWebExchange exchange) {
        AtomicReference<ServerWebExchange> routed = new AtomicReference<>();
        filter.filter(exchange, passed -> {
            routed.set(passed);
            return Mono.empty();
        }).block();
        return routed.get();
    }
}
