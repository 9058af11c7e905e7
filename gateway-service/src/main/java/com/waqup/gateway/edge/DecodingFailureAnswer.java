package com.waqup.gateway.edge;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request Netty could not decode (a request line over 4 KB: 414; a header block over 8 KB: 431; anything
 * else malformed: 400) on an HTTP/1.1 connection: once every answer owed to the requests before it on the connection has
 * been written, with its status and {@code Connection: close} (the rest of such a request cannot be read), then a close
 * ({@link LingeringClose}). {@link DecodingFailureEnvelope}, between this handler and the codec, gives the answer the
 * error envelope.
 * <p>
 * Reactor Netty (1.3.x) answers such a request itself, but not on a kept-alive connection whose last exchange it has not
 * finished yet (the client has read the whole answer, the server has not written its end or tidied up): it either hands
 * the refusal to that finished exchange, which never sends it (the connection hangs until the client gives up), or
 * queues it behind as an HTTP/1.0 request and closes the connection without answering it. A few in a hundred such
 * requests on a loaded machine. So this handler, between the codec and Reactor Netty's, counts requests in and
 * complete answers out, keeps the refusal from Reactor Netty and sends it itself when nothing is owed any more. One
 * instance per connection.
 */
final class DecodingFailureAnswer extends ChannelDuplexHandler {

    static final String NAME = "waqup.decodingFailureAnswer";

    private static final Logger log = LoggerFactory.getLogger(DecodingFailureAnswer.class);

    /** Requests passed on whose complete answer has not been written yet. */
    private int owed;
    /** The last request asked to close the connection after its answer: the server reads nothing after it. */
    private boolean closing;
    /** A refusal waiting for the answers owed before it. */
    private HttpResponseStatus refusal;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                // the codec reads nothing more on this connection: this is its last request
                Throwable cause = request.decoderResult().cause();
                ReferenceCountUtil.release(msg);
                if (closing || refusal != null) {
                    return; // the connection closes after the answer before it anyway
                }
                refusal = statusFor(cause);
                log.debug("refusing a request that could not be decoded: {} ({})", refusal.code(), cause.toString());
                if (owed == 0) {
                    refuse(ctx);
                }
                return;
            }
            owed++;
            closing = !HttpUtil.isKeepAlive(request);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean interim = msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        boolean answered = msg instanceof LastHttpContent && !interim && owed > 0; // a 100 Continue is not the answer
        ctx.write(msg, promise);
        if (answered && --owed == 0 && refusal != null) {
            refuse(ctx);
        }
    }

    private void refuse(ChannelHandlerContext ctx) {
        FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal, Unpooled.EMPTY_BUFFER);
        answer.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }

    static HttpResponseStatus statusFor(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return HttpResponseStatus.BAD_REQUEST;
    }
}
