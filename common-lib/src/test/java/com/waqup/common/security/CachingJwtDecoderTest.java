package com.waqup.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

class CachingJwtDecoderTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T12:00:00Z"));
    final Instant expiry = Instant.parse("2026-11-27T12:15:00Z");
    final AtomicInteger verifications = new AtomicInteger();
    final JwtTimestampValidator expiryCheck = new JwtTimestampValidator(Duration.ZERO);

    /** Stands in for the RS256 verifier: counts calls and applies the same expiry check. */
    final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (token.startsWith("forged")) {
            throw new BadJwtException("bad signature");
        }
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject("person").issuedAt(expiry.minusSeconds(900))
                .expiresAt(expiry).build();
        if (expiryCheck.validate(jwt).hasErrors()) {
            throw new BadJwtException("expired");
        }
        return jwt;
    };

    CachingJwtDecoder decoder(int max) {
        expiryCheck.setClock(new Clock() {
            public Instant instant() {
                return now.get();
            }

            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(ZoneId zone) {
                return this;
            }
        });
        return new CachingJwtDecoder(verifier, expiryCheck, max);
    }

    @Test
    void shouldVerifyATokenOnceForManyRequests() {
        CachingJwtDecoder decoder = decoder(100);
        for (int i = 0; i < 5; i++) {
            assertThat(decoder.decode("token-a").getSubject()).isEqualTo("person");
        }
        assertThat(verifications).hasValue(1);
        decoder.decode("token-b");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void shouldRefuseARememberedTokenOnceItHasExpired() {
        CachingJwtDecoder decoder = decoder(100);
        decoder.decode("token-a");
        now.set(expiry.plusSeconds(1));
        assertThatThrownBy(() -> decoder.decode("token-a")).isInstanceOf(BadJwtException.class).hasMessageContaining("expired");
        assertThat(decoder.size()).isZero();
    }

    @Test
    void shouldNeverRememberATokenThatFailedVerification() {
        CachingJwtDecoder decoder = decoder(100);
        assertThatThrownBy(() -> decoder.decode("forged-1")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged-1")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
        assertThat(decoder.size()).isZero();
    }

    @Test
    void shouldStayBounded() {
        CachingJwtDecoder decoder = decoder(3);
        for (int i = 0; i < 10; i++) {
            decoder.decode("token-" + i);
        }
        assertThat(decoder.size()).isLessThanOrEqualTo(3);
    }
}
