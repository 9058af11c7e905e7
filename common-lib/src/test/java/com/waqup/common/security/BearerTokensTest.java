package com.waqup.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The bearer scan reads exactly what Spring Security's pattern and its resolver read. */
class BearerTokensTest {

    /** DefaultBearerTokenResolver's and ServerBearerTokenAuthenticationConverter's pattern. */
    static final Pattern BEARER = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);

    static final String[] HEADERS = { "Bearer abc.def-ghi_jkl~mno+pqr/stu", "bearer eyJ.a.b==", "BEARER x", "Bearer ",
            "Bearer a b", "Bearer =abc", "Bearer abc=d", "Bearer abc==", "Bearer\tabc", "Bearer  abc", "Bearer é",
            "Bearer a.b.c\n", "Bearerabc", "Basic dXNlcjpwYXNz", "bearer", "" };

    @ParameterizedTest
    @ValueSource(strings = { "Bearer abc.def-ghi_jkl~mno+pqr/stu", "bearer eyJ.a.b==", "BEARER x", "Bearer ", "Bearer a b",
            "Bearer =abc", "Bearer abc=d", "Bearer abc==", "Bearer\tabc", "Bearer  abc", "Bearer é", "Bearer a.b.c\n",
            "Bearerabc", "Basic dXNlcjpwYXNz", "bearer", "" })
    void shouldReadTheTokenExactlyAsSpringSecuritysPattern(String header) {
        Matcher m = BEARER.matcher(header);
        assertThat(BearerTokens.token(header)).as(header).isEqualTo(m.matches() ? m.group("token") : null);
    }

    @Test
    void shouldResolveEveryRequestAsTheStandardResolverDoes() {
        BearerTokenResolver standard = new DefaultBearerTokenResolver();
        BearerTokenResolver scanning = BearerTokens.resolver();
        for (String header : HEADERS) {
            for (String query : new String[] { null, "access_token=other", "page=2" }) {
                MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/content");
                if (!header.isEmpty()) {
                    request.addHeader("Authorization", header);
                }
                if (query != null) {
                    request.setQueryString(query);
                    String[] kv = query.split("=");
                    request.addParameter(kv[0], kv[1]);
                }
                String label = header + " ?" + query;
                Object expected = outcome(standard, request);
                assertThat(outcome(scanning, request)).as(label).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldAnswerAWellFormedHeaderWithItsToken() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/conversation/message");
        request.addHeader("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
        request.setContentType("application/json");
        assertThat(BearerTokens.resolver().resolve(request)).isEqualTo("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
    }

    @Test
    void shouldRefuseAMalformedHeaderAsInvalidToken() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/content");
        request.addHeader("Authorization", "Bearer not a token");
        Throwable thrown = catchThrowable(() -> BearerTokens.resolver().resolve(request));
        assertThat(thrown).isInstanceOf(OAuth2AuthenticationException.class);
        assertThat(((OAuth2AuthenticationException) thrown).getError().getErrorCode()).isEqualTo("invalid_token");
    }

    /** The token, or the OAuth2 error code the resolver failed with. */
    private static Object outcome(BearerTokenResolver resolver, MockHttpServletRequest request) {
        try {
            String token = resolver.resolve(request);
            return token == null ? "(none)" : "token:" + token;
        } catch (OAuth2AuthenticationException e) {
            return "error:" + e.getError().getErrorCode();
        }
    }
}
