package com.waqup.common.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void shouldGiveACallItsOwnTimeoutWithoutADeadline() {
        assertThat(Deadline.current()).isNull();
        assertThat(Deadline.budget(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldGiveACallNoMoreThanTheTimeLeftAndNothingOnceItHasPassed() {
        try (Deadline.Scope ignored = Deadline.enter(Instant.now().plusMillis(800))) {
            assertThat(Deadline.budget(Duration.ofSeconds(5))).isBetween(Duration.ofMillis(500), Duration.ofMillis(800));
            assertThat(Deadline.budget(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(100));
        }
        try (Deadline.Scope ignored = Deadline.enter(Instant.now().minusSeconds(1))) {
            assertThat(Deadline.budget(Duration.ofSeconds(5))).isZero();
        }
        assertThat(Deadline.current()).as("the scope ends with the work").isNull();
    }

    @Test
    void shouldNeverExtendTheDeadlineOfTheWorkInProgress() {
        Instant soon = Instant.now().plusSeconds(1);
        try (Deadline.Scope outer = Deadline.enter(soon)) {
            try (Deadline.Scope inner = Deadline.enter(soon.plusSeconds(60))) {
                assertThat(Deadline.current()).isEqualTo(soon);
            }
            try (Deadline.Scope inner = Deadline.enter(soon.minusMillis(500))) {
                assertThat(Deadline.current()).isEqualTo(soon.minusMillis(500));
            }
            assertThat(Deadline.current()).isEqualTo(soon);
        }
        assertThat(Deadline.current()).isNull();
    }

    @Test
    void shouldReadOnlyEpochMillisecondsFromTheHeader() {
        assertThat(Deadline.parse("1765000000000")).isEqualTo(Instant.ofEpochMilli(1_765_000_000_000L));
        assertThat(Deadline.parse(Deadline.format(Instant.ofEpochMilli(42)))).isEqualTo(Instant.ofEpochMilli(42));
        assertThat(Deadline.parse(null)).isNull();
        assertThat(Deadline.parse("soon")).isNull();
        assertThat(Deadline.parse("-5")).isNull();
        assertThat(Deadline.parse("99999999999999999999999")).isNull();
    }
}
