package com.waqup.library.practice;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The forgiving streak rule (docs/library.md "Streaks"). Practice days are the calendar days, in the person's time
 * zone, on which at least one session was completed. A streak is a run of practice days in which
 * <ul>
 * <li>consecutive practice days are at most two calendar days apart (one day in between may be missed), and</li>
 * <li>two missed days are at least 7 days apart, so no rolling window of 7 consecutive days holds more than one
 * missed day.</li>
 * </ul>
 * Its length is the number of practice days in it (a forgiven day keeps the streak alive but does not add to it).
 * The current streak is the run that ends on the last practice day, if that run is still alive today: the last
 * practice day is today or yesterday (today is not over, so it is not missed yet), or the day before yesterday with
 * yesterday a miss that the rule forgives. Otherwise it is 0.
 */
final class Streaks {

    record Result(int current, int longest) {
    }

    private Streaks() {
    }

    static Result of(Collection<LocalDate> practiceDays, LocalDate today) {
        TreeSet<LocalDate> days = new TreeSet<>(practiceDays);
        days.removeIf(d -> d.isAfter(today)); // clock skew: a day after today cannot count yet
        if (days.isEmpty()) {
            return new Result(0, 0);
        }
        int longest = 0;
        int run = 0;
        LocalDate previous = null;
        LocalDate lastMiss = null;
        for (LocalDate day : days) {
            if (previous == null) {
                run = 1;
            } else {
                long gap = ChronoUnit.DAYS.between(previous, day);
                if (gap == 1) {
                    run++;
                } else if (gap == 2 && forgivable(previous.plusDays(1), lastMiss)) {
                    lastMiss = previous.plusDays(1);
                    run++;
                } else {
                    run = 1;
                    lastMiss = null;
                }
            }
            longest = Math.max(longest, run);
            previous = day;
        }
        long sinceLast = ChronoUnit.DAYS.between(previous, today);
        boolean alive = sinceLast <= 1 || (sinceLast == 2 && forgivable(previous.plusDays(1), lastMiss));
        return new Result(alive ? run : 0, longest);
    }

    /** A missed day is forgiven if the run's previous miss is at least 7 days earlier (or there is none). */
    private static boolean forgivable(LocalDate miss, LocalDate lastMiss) {
        return lastMiss == null || ChronoUnit.DAYS.between(lastMiss, miss) >= 7;
    }
}
