package com.waqup.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class RevokedTokenValidatorTest {

    private final Map<String, Long> markers = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private boolean storeDown;
    private final RevokedTokenValidator validator = new RevokedTokenValidator(key -> {
        reads.incrementAndGet();
        if (storeDown) {
            throw new IllegalStateException("redis down");
        }
        return markers.get(key);
    }, Duration.ofSeconds(5), now::get);

    private static Jwt token(String subject, Instant issuedAt) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject(subject).issuedAt(issuedAt)
                .expiresAt(issuedAt.plusSeconds(900)).build();
    }

    @Test
    void shouldRefuseTokensIssuedUpToTheMarkerAndAcceptLaterOnes() {
        Instant erasedAt = Instant.parse("2026-01-01T10:00:00Z");
        markers.put(TokenRevocation.key("p1"), erasedAt.getEpochSecond());
        assertThat(validator.validate(token("p1", erasedAt.minusSeconds(60))).hasErrors()).isTrue();
        assertThat(validator.validate(token("p1", erasedAt)).hasErrors()).isTrue();
        assertThat(validator.validate(token("p1", erasedAt.plusSeconds(1))).hasErrors()).isFalse();
        assertThat(validator.validate(token("p2", erasedAt)).hasErrors()).isFalse();
    }

    @Test
    void shouldAskTheStoreOncePerSubjectWithinTheCacheTime() {
        Instant issued = Instant.parse("2026-01-01T10:00:00Z");
        for (int i = 0; i < 10; i++) {
            validator.validate(token("p1", issued));
        }
        assertThat(reads).hasValue(1);
        markers.put(TokenRevocation.key("p1"), issued.getEpochSecond());
        assertThat(validator.validate(token("p1", issued)).hasErrors()).as("still remembered as unrevoked").isFalse();
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(validator.validate(token("p1", issued)).hasErrors()).as("read again after the cache time").isTrue();
        assertThat(reads).hasValue(2);
    }

    @Test
    void shouldFailOpenAndStopAskingForAWhileWhenTheStoreIsDown() {
        storeDown = true;
        Instant issued = Instant.parse("2026-01-01T10:00:00Z");
        assertThat(validator.validate(token("p1", issued)).hasErrors()).isFalse();
        assertThat(validator.validate(token("p2", issued)).hasErrors()).isFalse();
        assertThat(reads).as("one failed read, then none until the cache time passed").hasValue(1);
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        storeDown = false;
        markers.put(TokenRevocation.key("p2"), issued.getEpochSecond());
        assertThat(validator.validate(token("p2", issued)).hasErrors()).isTrue();
    }

    @Test
    void shouldNeverLookUpServiceTokens() {
        validator.validate(token("service:credit-service", Instant.now()));
        assertThat(reads).hasValue(0);
    }
}
