package com.waqup.creator.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.creator.pack.PackService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A creator's analytics of one of their packs over UTC days {@code [from, to]} (at most {@value #MAX_DAYS} days; the
 * last 30 days by default): claims, purchases, plays, completions, unique practitioners (people who played or completed
 * it), the current rating, revenue (paid, refunded, net; from payment-service's events) and the tokens reward-service
 * credited for the pack ({@code reward.earned}), and the same per day. Someone else's pack is a 404.
 */
@Service
public class AnalyticsService {

    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;

    private final AnalyticsRepository facts;
    private final PackService packs;
    private final Clock clock;

    AnalyticsService(AnalyticsRepository facts, PackService packs, Clock clock) {
        this.facts = facts;
        this.packs = packs;
        this.clock = clock;
    }

    record Day(LocalDate date, long claims, long purchases, long renewals, long refunds, long plays, long completions,
            long ratings, long revenueMinor, long refundedMinor, long tokensEarned) {
    }

    /** Money in minor units of {@code currency}: paid (purchases and renewals), refunded, and net. */
    record Revenue(long grossMinor, long refundedMinor, long netMinor, String currency) {
    }

    record Rating(BigDecimal average, int count) {
    }

    record Report(UUID packId, LocalDate from, LocalDate to, long claims, long purchases, long renewals, long refunds,
            long plays, long completions, long uniquePractitioners, Rating rating, Revenue revenue, long tokensEarned,
            List<Day> daily) {
    }

    @Transactional(readOnly = true)
    Report report(UUID creatorId, UUID packId, LocalDate from, LocalDate to) {
        LocalDate end = to != null ? to : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS - 1);
        if (start.isAfter(end)) {
            throw DomainException.invalidField("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw DomainException.invalidField("to", "the range must be at most " + MAX_DAYS + " days");
        }
        packs.ownedPack(creatorId, packId)
                .orElseThrow(() -> DomainException.notFound("PACK_NOT_FOUND", "Pack " + packId + " not found"));
        Map<LocalDate, Map<String, Long>> byDay = new HashMap<>();
        for (AnalyticsRepository.DayCount c : facts.daily(packId, start, end)) {
            byDay.computeIfAbsent(c.day(), d -> new HashMap<>()).put(c.kind(), c.count());
        }
        Map<LocalDate, AnalyticsRepository.DayMoney> money = new HashMap<>();
        for (AnalyticsRepository.DayMoney m : facts.dailyMoney(packId, start, end)) {
            money.put(m.day(), m);
        }
        List<Day> daily = new ArrayList<>();
        long claims = 0;
        long purchases = 0;
        long renewals = 0;
        long refunds = 0;
        long plays = 0;
        long completions = 0;
        long gross = 0;
        long refunded = 0;
        long tokens = 0;
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            Map<String, Long> counts = byDay.getOrDefault(day, Map.of());
            AnalyticsRepository.DayMoney m = money.getOrDefault(day, new AnalyticsRepository.DayMoney(day, 0, 0, 0));
            Day d = new Day(day, counts.getOrDefault("claim", 0L), counts.getOrDefault("purchase", 0L),
                    counts.getOrDefault("renewal", 0L), counts.getOrDefault("refund", 0L), counts.getOrDefault("play", 0L),
                    counts.getOrDefault("completion", 0L), counts.getOrDefault("rating", 0L), m.revenueMinor(),
                    m.refundedMinor(), m.tokens());
            daily.add(d);
            claims += d.claims();
            purchases += d.purchases();
            renewals += d.renewals();
            refunds += d.refunds();
            plays += d.plays();
            completions += d.completions();
            gross += m.revenueMinor();
            refunded += m.refundedMinor();
            tokens += m.tokens();
        }
        Rating rating = facts.rating(packId).map(r -> new Rating(r.average(), r.count())).orElse(new Rating(null, 0));
        Revenue revenue = new Revenue(gross, refunded, gross - refunded, facts.currency(packId).orElse(null));
        return new Report(packId, start, end, claims, purchases, renewals, refunds, plays, completions,
                facts.uniquePractitioners(packId, start, end), rating, revenue, tokens, daily);
    }

    /** Forgets the person in every fact (their erasure); returns the rows changed. */
    @Transactional
    public int forget(UUID userId) {
        return facts.forget(userId);
    }
}
