package com.waqup.gateway.edge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.waqup.common.error.ErrorCodes;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A path or query whose percent-encoded bytes are not UTF-8 ({@code %ff%fe}) or are not percent-encoding at all
 * ({@code %zz}) is refused here, 400 with the envelope, instead of being routed to a service whose servlet container
 * would answer with its own HTML error page.
 */
@Component
class PathEncodingWebFilter implements WebFilter, Ordered {

    private final EnvelopeWriter envelopes;

    PathEncodingWebFilter(EnvelopeWriter envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getURI().getRawPath();
        String query = exchange.getRequest().getURI().getRawQuery();
        if (!decodable(path) || !decodable(query)) {
            return envelopes.write(exchange, HttpStatus.BAD_REQUEST, ErrorCodes.forStatus(400),
                    "The request URI is not valid percent-encoded UTF-8", Map.of());
        }
        return chain.filter(exchange);
    }

    /** True when every {@code %XX} is hex and the decoded bytes are UTF-8 (no escape at all: nothing to check). */
    static boolean decodable(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.put((byte) ((Character.digit(raw.charAt(i + 1), 16) << 4) + Character.digit(raw.charAt(i + 2), 16)));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 8;
    }
}
