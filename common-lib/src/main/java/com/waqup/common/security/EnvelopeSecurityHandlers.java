package com.waqup.common.security;

import java.io.IOException;
import java.util.Map;

import com.waqup.common.correlation.CorrelationId;
import com.waqup.common.error.ErrorCodes;
import com.waqup.common.error.ErrorEnvelope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as the seed's error envelope. A 401 always carries {@code WWW-Authenticate: Bearer} (with
 * {@code error="invalid_token"} when a token was sent but is not acceptable), never the reason in detail.
 */
public class EnvelopeSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    public EnvelopeSecurityHandlers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        boolean tokenSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null || ex instanceof InvalidBearerTokenException
                || ex instanceof OAuth2AuthenticationException;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenSent
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
                : "Bearer");
        write(response, 401, tokenSent ? "INVALID_TOKEN" : "UNAUTHORIZED",
                tokenSent ? "The access token is invalid or expired" : ErrorCodes.messageForStatus(401));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        write(response, 403, "FORBIDDEN", ErrorCodes.messageForStatus(403));
    }

    private void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        String id = CorrelationId.current();
        json.writeValue(response.getOutputStream(),
                ErrorEnvelope.of(code, message, Map.of(), id != null ? id : CorrelationId.generate()));
    }
}
