package com.waqup.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scan that replaces the strict firewall's regular expression agrees with it (the bearer scan: BearerTokensTest). */
class HeaderScanTest {

    static final Pattern ASSIGNED_AND_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @ParameterizedTest
    @ValueSource(strings = { "application/json", "Bearer eyJ.a.b", "ünïcødé ✓", "tab\there", "nul\0", "del\u007f", "c1\u0085",
            "unassigned\u0378", "emoji \uD83D\uDE00", "" })
    void shouldCheckHeaderCharactersExactlyAsTheStrictFirewall(String value) {
        assertThat(GatewaySecurityConfiguration.assignedAndNotControl(value)).as(value)
                .isEqualTo(ASSIGNED_AND_NOT_CONTROL.matcher(value).matches());
    }
}
