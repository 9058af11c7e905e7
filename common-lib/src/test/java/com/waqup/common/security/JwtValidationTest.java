package com.waqup.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JwtValidationTest {

    @Test
    void shouldKeepTheIssuerAsTheStringItIsAndStillConvertTheTimestamps() {
        Map<String, Object> claims = JwtValidation.claimSetConverter()
                .convert(Map.of("iss", "waqup", "sub", "someone", "exp", 1_900_000_000L, "iat", 1_800_000_000L));
        assertThat(claims.get("iss")).isEqualTo("waqup");
        assertThat(claims.get("exp")).isEqualTo(Instant.ofEpochSecond(1_900_000_000L));
        assertThat(claims.get("iat")).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
    }
}
