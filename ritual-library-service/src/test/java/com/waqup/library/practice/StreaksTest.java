package com.waqup.library.practice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The forgiving streak rule: one missed day per rolling 7 days keeps a streak; two break it. */
class StreaksTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    static List<LocalDate> daysAgo(int... offsets) {
        return Arrays.stream(offsets).mapToObj(TODAY::minusDays).toList();
    }

    static List<LocalDate> range(int fromDaysAgo, int toDaysAgo) {
        return Stream.iterate(fromDaysAgo, i -> i >= toDaysAgo, i -> i - 1).map(TODAY::minusDays).toList();
    }

    @Test
    void shouldBeZeroWithoutPractice() {
        assertThat(Streaks.of(List.of(), TODAY)).isEqualTo(new Streaks.Result(0, 0));
    }

    @Test
    void shouldCountConsecutiveDaysEndingToday() {
        assertThat(Streaks.of(range(4, 0), TODAY)).isEqualTo(new Streaks.Result(5, 5));
    }

    @Test
    void shouldKeepTheStreakWhenTodayHasNoPracticeYet() {
        assertThat(Streaks.of(range(5, 1), TODAY)).isEqualTo(new Streaks.Result(5, 5));
    }

    @Test
    void shouldForgiveOneMissedDayWithoutCountingIt() {
        // 5 4 _ 2 1 0: one miss, five practice days
        assertThat(Streaks.of(daysAgo(5, 4, 2, 1, 0), TODAY)).isEqualTo(new Streaks.Result(5, 5));
    }

    @Test
    void shouldForgiveYesterdayAsTheOneMiss() {
        assertThat(Streaks.of(daysAgo(4, 3, 2), TODAY)).isEqualTo(new Streaks.Result(3, 3));
    }

    @Test
    void shouldBreakOnTwoConsecutiveMissedDays() {
        assertThat(Streaks.of(daysAgo(6, 5, 4, 1, 0), TODAY)).isEqualTo(new Streaks.Result(2, 3));
        assertThat(Streaks.of(daysAgo(5, 4, 3), TODAY)).as("yesterday and the day before missed").isEqualTo(new Streaks.Result(0, 3));
    }

    @Test
    void shouldBreakOnTwoMissesWithinSevenDays() {
        // misses 8 and 3 days ago are 5 days apart: the second one breaks the streak
        assertThat(Streaks.of(daysAgo(10, 9, 7, 6, 5, 4, 2, 1, 0), TODAY)).isEqualTo(new Streaks.Result(3, 6));
    }

    @Test
    void shouldForgiveTwoMissesSevenDaysApart() {
        // misses 9 and 2 days ago: no 7-day window holds both
        List<LocalDate> days = daysAgo(12, 11, 10, 8, 7, 6, 5, 4, 3, 1, 0);
        assertThat(Streaks.of(days, TODAY)).isEqualTo(new Streaks.Result(11, 11));
    }

    @Test
    void shouldBreakWhenTheForgivenYesterdayIsTheSecondMissInAWeek() {
        // miss 4 days ago, then yesterday missed too: broken today
        assertThat(Streaks.of(daysAgo(6, 5, 3, 2), TODAY)).isEqualTo(new Streaks.Result(0, 4));
    }

    @Test
    void shouldKeepTheLongestOfSeveralRuns() {
        List<LocalDate> days = new ArrayList<>(range(30, 21)); // 10 days
        days.addAll(range(2, 0));
        assertThat(Streaks.of(days, TODAY)).isEqualTo(new Streaks.Result(3, 10));
    }

    @Test
    void shouldCountPracticeDaysInThePersonsTimeZoneAcrossMidnight() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // 23:30 in New York is already the next day in UTC: two sessions on two New York evenings
        List<Instant> sessions = List.of(Instant.parse("2026-11-26T04:30:00Z"), Instant.parse("2026-11-27T04:30:00Z"));
        LocalDate today = LocalDate.of(2026, 11, 26);
        List<LocalDate> local = sessions.stream().map(i -> i.atZone(newYork).toLocalDate()).toList();
        assertThat(local).containsExactly(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 26));
        assertThat(Streaks.of(local, today)).isEqualTo(new Streaks.Result(2, 2));
        // the same instants in Tokyo fall on consecutive days too, and in UTC as well; but 00:30 and 23:30 local of
        // the same UTC day are one or two days depending on the zone
        List<Instant> sameUtcDay = List.of(Instant.parse("2026-11-26T00:30:00Z"), Instant.parse("2026-11-26T23:30:00Z"));
        assertThat(Streaks.of(sameUtcDay.stream().map(i -> i.atZone(ZoneId.of("UTC")).toLocalDate()).toList(),
                LocalDate.of(2026, 11, 26)).longest()).isEqualTo(1);
        assertThat(Streaks.of(sameUtcDay.stream().map(i -> i.atZone(newYork).toLocalDate()).toList(),
                LocalDate.of(2026, 11, 26)).longest()).isEqualTo(2);
    }

    @Test
    void shouldNotBreakOnADaylightSavingChange() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // clocks go forward on 2026-03-29 (a 23-hour day) and back on 2026-10-25 (a 25-hour day): sessions at 07:00 local
        List<LocalDate> spring = Stream.of("2026-03-28T06:00:00Z", "2026-03-29T05:00:00Z", "2026-03-30T05:00:00Z")
                .map(s -> Instant.parse(s).atZone(berlin).toLocalDate()).toList();
        assertThat(Streaks.of(spring, LocalDate.of(2026, 3, 30))).isEqualTo(new Streaks.Result(3, 3));
        // 23:30 local on each side of the 25-hour day
        List<LocalDate> autumn = Stream.of("2026-10-24T21:30:00Z", "2026-10-25T22:30:00Z", "2026-10-26T22:30:00Z")
                .map(s -> Instant.parse(s).atZone(berlin).toLocalDate()).toList();
        assertThat(autumn).containsExactly(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 26));
        assertThat(Streaks.of(autumn, LocalDate.of(2026, 10, 26))).isEqualTo(new Streaks.Result(3, 3));
    }

    @Test
    void shouldIgnoreDaysAfterToday() {
        assertThat(Streaks.of(daysAgo(1, 0, -1), TODAY)).isEqualTo(new Streaks.Result(2, 2));
    }
}
