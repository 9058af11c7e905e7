package com.waqup.gateway.edge;

import java.util.Map;

import com.waqup.common.correlation.CorrelationId;
import com.waqup.common.error.ErrorCodes;
import com.waqup.common.error.ErrorEnvelope;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request Netty cannot even decode (a request line over 4 KB: 414; headers over 8 KB: 431; a malformed request:
 * 400) is answered by Netty itself, before any filter runs, with an empty body. This handler sits between the HTTP
 * codec and the server's traffic handler and gives every such bodiless 4xx/5xx the seed's error envelope (with a fresh
 * {@code trace_id}, also sent as {@code X-Correlation-Id}): no client ever gets an error without it.
 */
@ChannelHandler.Sharable
final class DecodingFailureEnvelope extends ChannelOutboundHandlerAdapter {

    static final String NAME = "waqup.decodingFailureEnvelope";

    private final JsonMapper json;

    DecodingFailureEnvelope(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof FullHttpResponse response && response.status().code() >= 400
                && response.content().readableBytes() == 0 && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
            int status = response.status().code();
            String id = CorrelationId.generate();
            byte[] body = json.writeValueAsBytes(ErrorEnvelope.of(ErrorCodes.forStatus(status), ErrorCodes.messageForStatus(status),
                    Map.of(), id));
            FullHttpResponse enveloped = response.replace(Unpooled.wrappedBuffer(body));
            response.release();
            enveloped.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(CorrelationId.HEADER, id);
            ctx.write(enveloped, promise);
            return;
        }
        ctx.write(msg, promise);
    }
}
