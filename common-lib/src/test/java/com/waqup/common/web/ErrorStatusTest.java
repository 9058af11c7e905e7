package com.waqup.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;

import com.waqup.common.error.ErrorKind;
import org.junit.jupiter.api.Test;

/** The one place a domain failure becomes an HTTP status. */
class ErrorStatusTest {

    @Test
    void shouldGiveEveryKindItsStatus() {
        Map<ErrorKind, Integer> expected = new EnumMap<>(ErrorKind.class);
        expected.put(ErrorKind.INVALID, 400);
        expected.put(ErrorKind.UNAUTHENTICATED, 401);
        expected.put(ErrorKind.INSUFFICIENT_FUNDS, 402);
        expected.put(ErrorKind.FORBIDDEN, 403);
        expected.put(ErrorKind.NOT_FOUND, 404);
        expected.put(ErrorKind.CONFLICT, 409);
        expected.put(ErrorKind.RATE_LIMITED, 429);
        expected.put(ErrorKind.UPSTREAM_FAILED, 502);
        expected.put(ErrorKind.UNAVAILABLE, 503);

        assertThat(expected).as("every kind is listed here").hasSize(ErrorKind.values().length);
        expected.forEach((kind, status) -> assertThat(ErrorStatus.of(kind).value()).as(kind.name()).isEqualTo(status));
    }
}
