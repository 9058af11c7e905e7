package com.waqup.gateway.edge;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Lingering close (as Apache httpd and nginx do it): when the server closes a client connection, it first sends
 * everything written, then half-closes (FIN: "no more from me"), then reads and discards what the client still sends
 * until the client closes too or {@code linger} has passed, and only then closes the socket.
 * <p>
 * Without it, a refusal the gateway answers before reading the whole request (an oversized body: 413; a request line or
 * header block Netty stops decoding: 414, 431) could be lost: the client is still sending, its bytes hit a closed
 * socket, the kernel answers with a reset, and the client, failing to write the rest of its request, never reads the
 * answer that had already arrived ("header parser received no bytes"). Sits first in each connection's pipeline, so it
 * sees every close the server decides and the raw bytes that follow; a client that closes first closes at once.
 */
final class LingeringClose extends ChannelDuplexHandler {

    static final String NAME = "waqup.lingeringClose";

    private final long lingerMillis;
    private boolean lingering;

    LingeringClose(Duration linger) {
        this.lingerMillis = linger.toMillis();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (lingering) {
            // asked again while lingering: done when the lingering close is
            ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
            return;
        }
        if (lingerMillis <= 0 || !(ctx.channel() instanceof DuplexChannel channel) || !channel.isActive()
                || channel.isInputShutdown() || channel.isOutputShutdown()) {
            ctx.close(promise);
            return;
        }
        lingering = true;
        // writes complete in order: once this empty one is written, so is every answer before it
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (!written.isSuccess()) {
                ctx.close(promise);
                return;
            }
            channel.shutdownOutput().addListener(halfClosed -> {
                if (!halfClosed.isSuccess()) {
                    ctx.close(promise);
                    return;
                }
                ScheduledFuture<?> deadline = ctx.executor().schedule(() -> {
                    ctx.close(promise);
                }, lingerMillis, TimeUnit.MILLISECONDS);
                channel.closeFuture().addListener(closed -> {
                    deadline.cancel(false);
                    promise.trySuccess();
                });
                channel.config().setAutoRead(true);
                ctx.read();
            });
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (lingering) {
            ReferenceCountUtil.release(msg); // the rest of a request already answered
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!lingering) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (lingering) {
            ctx.close(); // the client reset the connection meanwhile: nothing left to wait for
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
