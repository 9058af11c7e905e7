package com.waqup.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scans that replace Spring Security's regular expressions agree with those expressions. */
class HeaderScanTest {

    static final Pattern BEARER = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);
    static final Pattern ASSIGNED_AND_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @ParameterizedTest
    @ValueSource(strings = { "Bearer abc.def-ghi_jkl~mno+pqr/stu", "bearer eyJ.a.b==", "BEARER x", "Bearer ", "Bearer a b",
            "Bearer =abc", "Bearer abc=d", "Bearer abc==", "Bearer\tabc", "Bearer  abc", "Bearer é", "Bearer a.b.c\n" })
    void shouldReadBearerTokensExactlyAsSpringSecuritysPattern(String header) {
        boolean scanned = header.length() >= 8 && header.charAt(6) == ' ' && GatewaySecurityConfiguration.isBearerToken(header, 7);
        assertThat(scanned).as(header).isEqualTo(BEARER.matcher(header).matches());
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/json", "Bearer eyJ.a.b", "ünïcødé ✓", "tab\there", "nul\0", "del\u007f", "c1\u0085",
            "unassigned\u0378", "emoji \uD83D\uDE00", "" })
    void shouldCheckHeaderCharactersExactlyAsTheStrictFirewall(String value) {
        assertThat(GatewaySecurityConfiguration.assignedAndNotControl(value)).as(value)
                .isEqualTo(ASSIGNED_AND_NOT_CONTROL.matcher(value).matches());
    }
}
