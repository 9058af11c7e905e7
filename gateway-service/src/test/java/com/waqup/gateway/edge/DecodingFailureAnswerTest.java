package com.waqup.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.junit.jupiter.api.Test;

/** When a request the codec could not decode is answered: only after every answer owed before it, then the connection closes. */
class DecodingFailureAnswerTest {

    @Test
    void shouldRefuseAnUndecodableRequestAtOnceWhenNothingIsOwed() {
        EmbeddedChannel channel = new EmbeddedChannel(new DecodingFailureAnswer());

        channel.writeInbound(failed(new TooLongHttpLineException("An HTTP line is larger than 4096 bytes.")));

        assertThat((Object) channel.readInbound()).as("not handed on").isNull();
        FullHttpResponse refusal = channel.readOutbound();
        assertThat(refusal.status()).isEqualTo(HttpResponseStatus.REQUEST_URI_TOO_LONG);
        assertThat(refusal.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void shouldRefuseOnlyAfterTheAnswerOwedBeforeItHasBeenWritten() {
        EmbeddedChannel channel = new EmbeddedChannel(new DecodingFailureAnswer());
        HttpRequest first = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/v1/credits/balance");
        channel.writeInbound(first, LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat((Object) channel.readInbound()).isSameAs(first);
        channel.readInbound();

        channel.writeInbound(failed(new TooLongHttpHeaderException("HTTP header is larger than 8192 bytes.")));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        channel.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        assertThat(channel.outboundMessages()).as("the first answer is not complete yet (a 100 Continue is not it)").hasSize(2);
        assertThat(channel.isOpen()).isTrue();

        channel.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);

        channel.readOutbound();
        channel.readOutbound();
        assertThat((Object) channel.readOutbound()).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
        FullHttpResponse refusal = channel.readOutbound();
        assertThat(refusal.status()).isEqualTo(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void shouldLeaveAConnectionThatClosesAfterItsAnswerToTheServer() {
        EmbeddedChannel channel = new EmbeddedChannel(new DecodingFailureAnswer());
        HttpRequest last = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/v1/credits/balance");
        last.headers().set(HttpHeaderNames.CONNECTION, "close");
        channel.writeInbound(last);

        channel.writeInbound(failed(new IllegalArgumentException("invalid version format")));
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));

        assertThat(channel.outboundMessages()).as("only the answer to the request before it").hasSize(1);
    }

    private static HttpRequest failed(Throwable cause) {
        HttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/bad-request");
        request.setDecoderResult(DecoderResult.failure(cause));
        return request;
    }
}
