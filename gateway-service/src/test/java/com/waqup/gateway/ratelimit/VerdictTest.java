package com.waqup.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** How the gateway reads the one-round-trip answer of gateway_access.lua. */
class VerdictTest {

    static final long MARKER = 1_800_000_000L;

    static Jwt issuedAt(Long epochSecond) {
        Jwt.Builder b = Jwt.withTokenValue("t").header("alg", "RS256").subject("person");
        if (epochSecond != null) {
            b.issuedAt(Instant.ofEpochSecond(epochSecond)).expiresAt(Instant.ofEpochSecond(epochSecond + 900));
        }
        return b.build();
    }

    @Test
    void shouldRefuseTokensIssuedUpToTheRevocationAndAcceptLaterOnes() {
        TieredRateLimitFilter.Verdict verdict = TieredRateLimitFilter.Verdict.of(List.of(1L, 19L, MARKER));
        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.remaining()).isEqualTo(19);
        assertThat(verdict.revokes(issuedAt(MARKER - 60))).isTrue();
        assertThat(verdict.revokes(issuedAt(MARKER))).as("issued in the revocation's second").isTrue();
        assertThat(verdict.revokes(issuedAt(null))).as("a token that does not say when it was issued").isTrue();
        assertThat(verdict.revokes(issuedAt(MARKER + 1))).as("signed in again after the revocation").isFalse();
    }

    @Test
    void shouldRevokeNothingWithoutAMarkerOrForAnonymousRequests() {
        TieredRateLimitFilter.Verdict none = TieredRateLimitFilter.Verdict.of(List.of(0L, 0L, -1L));
        assertThat(none.allowed()).isFalse();
        assertThat(none.revokes(issuedAt(MARKER))).isFalse();
        assertThat(TieredRateLimitFilter.Verdict.of(List.of(1L, 4L)).revokes(issuedAt(MARKER))).as("anonymous: two keys").isFalse();
        assertThat(TieredRateLimitFilter.Verdict.of(List.of(1L, 4L, MARKER)).revokes(null)).isFalse();
        assertThat(TieredRateLimitFilter.Verdict.FAIL_OPEN.allowed()).isTrue();
        assertThat(TieredRateLimitFilter.Verdict.FAIL_OPEN.revokes(issuedAt(MARKER))).as("fail-open").isFalse();
    }
}
