package com.waqup.conversation.session;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /ws/conversation?token=…}: the handshake is refused (401) unless the token is a valid user JWT; the
 * connection then acts as that person. The gateway checks the token too; this is the service's own check.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ConversationSocketConfiguration implements WebSocketConfigurer {

    static final String USER = "waqup.user";
    private final ConversationSocket socket;
    private final JwtDecoder jwt;

    ConversationSocketConfiguration(ConversationSocket socket, JwtDecoder jwt) {
        this.socket = socket;
        this.jwt = jwt;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(socket, "/ws/conversation").addInterceptors(new TokenHandshake(jwt)).setAllowedOriginPatterns("*");
    }

    /** Browsers cannot set headers on a WebSocket handshake, hence the token in the query. */
    static final class TokenHandshake implements HandshakeInterceptor {

        private final JwtDecoder jwt;

        TokenHandshake(JwtDecoder jwt) {
            this.jwt = jwt;
        }

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                Map<String, Object> attributes) {
            String token = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("token");
            try {
                Jwt decoded = jwt.decode(token);
                List<String> aud = decoded.getAudience();
                List<String> roles = decoded.getClaimAsStringList("roles");
                if (aud == null || !aud.contains("waqup-api") || roles == null || roles.contains("service")) {
                    throw new JwtException("not a person's token");
                }
                attributes.put(USER, UUID.fromString(decoded.getSubject()));
                return true;
            } catch (JwtException | IllegalArgumentException | NullPointerException e) {
                response.setStatusCode(HttpStatus.UNAUTHORIZED);
                response.getHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                return false;
            }
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                Exception exception) {
        }
    }
}
