package com.waqup.gateway.edge;

import java.util.Map;

import com.waqup.common.error.ErrorCodes;
import com.waqup.common.error.ErrorEnvelope;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's error answer that is not JSON (a servlet container's HTML error page, an empty body) is replaced by the
 * seed's envelope for its status before it reaches the client. Services answer with the envelope themselves; this is
 * the edge's guarantee for what they cannot (an error raised before their application sees the request).
 */
@Component
class DownstreamErrorEnvelopeFilter implements GlobalFilter, Ordered {

    private final JsonMapper json;

    DownstreamErrorEnvelopeFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange.mutate().response(new Enveloping(exchange)).build());
    }

    private final class Enveloping extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;

        Enveloping(ServerWebExchange exchange) {
            super(exchange.getResponse());
            this.exchange = exchange;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            HttpStatusCode status = getStatusCode();
            if (status == null || status.value() < 400 || isJson(getHeaders().getContentType())
                    || exchange.getRequest().getMethod() == HttpMethod.HEAD) {
                return super.writeWith(body);
            }
            byte[] envelope = json.writeValueAsBytes(ErrorEnvelope.of(ErrorCodes.forStatus(status.value()),
                    ErrorCodes.messageForStatus(status.value()), Map.of(), CorrelationIdWebFilter.of(exchange)));
            return Flux.from(body).doOnNext(DataBufferUtils::release).then(Mono.defer(() -> {
                HttpHeaders headers = getHeaders();
                headers.remove(HttpHeaders.CONTENT_ENCODING);
                headers.remove(HttpHeaders.TRANSFER_ENCODING);
                headers.setContentType(MediaType.APPLICATION_JSON);
                headers.setContentLength(envelope.length);
                return super.writeWith(Mono.just(bufferFactory().wrap(envelope)));
            }));
        }

        private static boolean isJson(MediaType type) {
            return type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"));
        }
    }

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }
}
