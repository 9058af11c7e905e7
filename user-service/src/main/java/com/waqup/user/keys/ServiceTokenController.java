package com.waqup.user.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.security.WaqupSecurityProperties;
import com.waqup.user.config.IdentityProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issues service tokens (OAuth2 client-credentials style, HTTP Basic with the service's name and the
 * shared service secret). Not under {@code /api/v1}, so the gateway never exposes it.
 */
@RestController
class ServiceTokenController {

    private final TokenIssuer tokens;
    private final IdentityProperties identity;
    private final WaqupSecurityProperties security;

    ServiceTokenController(TokenIssuer tokens, IdentityProperties identity, WaqupSecurityProperties security) {
        this.tokens = tokens;
        this.identity = identity;
        this.security = security;
    }

    record ServiceToken(String accessToken, String tokenType, long expiresIn) {
    }

    @PostMapping("/service-auth/token")
    ServiceToken token(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String[] client = basic(authorization);
        boolean knownClient = identity.serviceClients().contains(client[0]);
        boolean secretOk = MessageDigest.isEqual(client[1].getBytes(StandardCharsets.UTF_8),
                security.serviceClient().secret().getBytes(StandardCharsets.UTF_8));
        if (!knownClient || !secretOk) {
            throw invalidClient();
        }
        return new ServiceToken(tokens.serviceToken(client[0]), "Bearer", identity.serviceTokenTtl().toSeconds());
    }

    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw invalidClient();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw invalidClient();
            }
            return new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
        } catch (IllegalArgumentException e) {
            throw invalidClient();
        }
    }

    private static DomainException invalidClient() {
        return new DomainException(ErrorKind.UNAUTHENTICATED, "INVALID_CLIENT", "Unknown service or wrong secret")
                .challenge("Basic realm=\"waqup-services\"");
    }
}
