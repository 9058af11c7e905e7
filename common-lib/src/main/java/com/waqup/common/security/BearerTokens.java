package com.waqup.common.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Reading {@code Authorization: Bearer …} without a regular expression. Spring Security matches the header against
 * {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$} (case-insensitive) on every request; on a ~700-character JWT that
 * was ~10 % of a servlet service's CPU per cached read (JFR, docs/performance.md). The scan here accepts exactly what
 * that pattern accepts ({@code BearerTokensTest} compares both), and the gateway uses the same scan.
 */
public final class BearerTokens {

    private static final String SCHEME = "bearer ";

    private BearerTokens() {
    }

    /** The token of a well-formed {@code Bearer} header value (scheme in any case), or {@code null}. */
    public static String token(String header) {
        if (header == null || header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !isB64Token(header, SCHEME.length())) {
            return null;
        }
        return header.substring(SCHEME.length());
    }

    /** Whether the header value uses the {@code Bearer} scheme at all (its first six letters, any case). */
    public static boolean hasBearerScheme(String header) {
        return header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length() - 1);
    }

    /** RFC 6750 {@code b64token}: {@code [A-Za-z0-9-._~+/]+=*} from {@code from} to the end of {@code s}. */
    private static boolean isB64Token(String s, int from) {
        int i = from;
        while (i < s.length() && isTokenChar(s.charAt(i))) {
            i++;
        }
        if (i == from) {
            return false;
        }
        while (i < s.length() && s.charAt(i) == '=') {
            i++;
        }
        return i == s.length();
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    /**
     * A servlet {@link BearerTokenResolver} that answers a well-formed header by the scan and leaves everything else
     * to Spring Security's {@link DefaultBearerTokenResolver}: malformed headers (its {@code invalid_token} error),
     * requests that could also carry an {@code access_token} parameter (its "multiple tokens" check), no header.
     */
    public static BearerTokenResolver resolver() {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        return request -> {
            String token = mayCarryParameterToken(request) ? null : token(request.getHeader(HttpHeaders.AUTHORIZATION));
            return token != null ? token : standard.resolve(request);
        };
    }

    private static boolean mayCarryParameterToken(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null && query.contains("access_token")) {
            return true;
        }
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0,
                MediaType.APPLICATION_FORM_URLENCODED_VALUE.length());
    }
}
