package com.waqup.user.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.security.ServiceCredentials;
import com.waqup.common.security.ServiceGrants;
import com.waqup.user.config.IdentityProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issues service tokens (OAuth2 client-credentials style): HTTP Basic with the calling service's name and its own
 * secret ({@link ServiceCredentials}: derived from the master key, which only this service holds), and
 * {@code ?audience=} the service the token is for. The token carries the scopes {@link ServiceGrants} gives that
 * caller there; a caller with none there gets 403 {@code NOT_GRANTED}. Not under {@code /api/v1}, so the gateway
 * never exposes it.
 */
@RestController
class ServiceTokenController {

    private final TokenIssuer tokens;
    private final IdentityProperties identity;

    ServiceTokenController(TokenIssuer tokens, IdentityProperties identity) {
        this.tokens = tokens;
        this.identity = identity;
    }

    record ServiceToken(String accessToken, String tokenType, long expiresIn, String scope) {
    }

    @PostMapping("/service-auth/token")
    ServiceToken token(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = "audience", required = false) String audience) {
        String[] client = basic(authorization);
        boolean knownClient = ServiceGrants.callers().contains(client[0]);
        byte[] expected = ServiceCredentials.secret(identity.serviceClientMasterKey(), client[0]).getBytes(StandardCharsets.UTF_8);
        boolean secretOk = MessageDigest.isEqual(client[1].getBytes(StandardCharsets.UTF_8), expected);
        if (!knownClient || !secretOk) {
            throw invalidClient();
        }
        if (audience == null || audience.isBlank()) {
            throw new DomainException(ErrorKind.INVALID, "AUDIENCE_REQUIRED",
                    "Name the service the token is for: ?audience=<service name>");
        }
        Set<String> scopes = ServiceGrants.scopes(client[0], audience);
        if (scopes.isEmpty()) {
            throw new DomainException(ErrorKind.FORBIDDEN, "NOT_GRANTED", "This service may not call " + audience);
        }
        return new ServiceToken(tokens.serviceToken(client[0], audience, scopes), "Bearer",
                identity.serviceTokenTtl().toSeconds(), String.join(" ", new TreeSet<>(scopes)));
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
