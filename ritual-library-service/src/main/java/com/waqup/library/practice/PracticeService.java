package com.waqup.library.practice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import com.waqup.common.error.DomainException;
import com.waqup.common.outbox.IntegrationEvents;
import com.waqup.common.paging.PageQuery;
import com.waqup.common.paging.Pagination;
import com.waqup.library.content.ContentErrors;
import com.waqup.library.content.ContentMetadata;
import com.waqup.library.content.ContentRules;
import com.waqup.library.content.ContentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Practice sessions: {@code play} starts one (and counts a play of the item), {@code complete} finishes it once
 * (a repeat answers the same and publishes nothing new) and publishes {@code practice.completed} through the
 * outbox. Replay is free: nothing here talks to credit-service. History and stats read the same events.
 */
@Service
public class PracticeService {

    /** Clocks of phones drift: a timestamp up to this far in the future is accepted. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Sessions recorded offline may be sent this late. */
    static final Duration OFFLINE_WINDOW = Duration.ofDays(30);
    static final int MAX_DURATION = 24 * 3600;

    private static final Logger log = LoggerFactory.getLogger(PracticeService.class);

    private final PracticeRepository events;
    private final ContentService content;
    private final IntegrationEvents outbox;
    private final TimeZones timeZones;
    private final Clock clock;

    PracticeService(PracticeRepository events, ContentService content, IntegrationEvents outbox, TimeZones timeZones,
            Clock clock) {
        this.events = events;
        this.content = content;
        this.outbox = outbox;
        this.timeZones = timeZones;
        this.clock = clock;
    }

    record Started(UUID practiceEventId, String status) {
    }

    record Completed(UUID practiceEventId, String status) {
    }

    public record HistoryEntry(UUID id, UUID ritualId, String ritualTitle, String contentType, Instant startedAt,
            Instant completedAt, Integer duration, String status) {
    }

    record History(List<HistoryEntry> practiceEvents, Pagination pagination) {
    }

    record Stats(int totalSessions, long totalMinutes, long totalSeconds, int currentStreak, int longestStreak,
            Map<String, Long> minutesByContentType, Instant lastPracticeAt, String timeZone) {
    }

    private static DomainException eventNotFound(UUID id) {
        return DomainException.notFound("PRACTICE_EVENT_NOT_FOUND", "Practice event " + id + " not found");
    }

    private void notInTheFuture(String field, Instant value, Instant now) {
        if (value.isAfter(now.plus(CLOCK_SKEW))) {
            throw ContentErrors.invalid(field, "must not be in the future");
        }
    }

    @Transactional
    Started play(UUID userId, UUID itemId, Instant startedAt) {
        Instant now = clock.instant();
        if (startedAt == null) {
            throw ContentErrors.invalid("started_at", "is required");
        }
        notInTheFuture("started_at", startedAt, now);
        if (startedAt.isBefore(now.minus(OFFLINE_WINDOW))) {
            throw ContentErrors.invalid("started_at", "must be within the last 30 days");
        }
        ContentMetadata item = content.owned(userId, itemId);
        content.recordPlay(userId, itemId, startedAt);
        UUID id = UUID.randomUUID();
        events.insert(new PracticeRepository.Event(id, userId, itemId, item.contentType(), item.title(), startedAt, null, null,
                item.packId()), now);
        if (item.packId() != null) {
            // a pack's creator counts plays of their pack (creator analytics); one's own items tell no one
            outbox.publish(PracticeStarted.TYPE, new PracticeStarted(id, userId, itemId, item.contentType(), startedAt,
                    item.packId()));
        }
        return new Started(id, "started");
    }

    @Transactional
    Completed complete(UUID userId, UUID itemId, UUID eventId, Instant completedAt, Integer duration) {
        if (eventId == null) {
            throw ContentErrors.invalid("practice_event_id", "is required");
        }
        PracticeRepository.Event event = events.lock(eventId, userId, itemId).orElseThrow(() -> eventNotFound(eventId));
        if (event.completed()) {
            return new Completed(eventId, "completed"); // idempotent: the first completion stands
        }
        if (completedAt == null) {
            throw ContentErrors.invalid("completed_at", "is required");
        }
        if (duration == null || duration < 0 || duration > MAX_DURATION) {
            throw ContentErrors.invalid("duration", "must be between 0 and " + MAX_DURATION + " seconds");
        }
        notInTheFuture("completed_at", completedAt, clock.instant());
        if (completedAt.isBefore(event.startedAt())) {
            throw ContentErrors.invalid("completed_at", "must not be before started_at");
        }
        events.complete(eventId, completedAt, duration);
        outbox.publish(PracticeCompleted.TYPE, new PracticeCompleted(eventId, userId, itemId, event.contentType(),
                event.startedAt(), completedAt, duration, event.packId()));
        log.info("practice event {} completed ({} s)", eventId, duration);
        return new Completed(eventId, "completed");
    }

    @Transactional(readOnly = true)
    History history(UUID userId, UUID ritualId, PageQuery page) {
        long total = events.count(userId, ritualId);
        List<HistoryEntry> rows = total == 0 || page.offset() >= total ? List.of()
                : events.page(userId, ritualId, page.offset(), page.limit()).stream().map(PracticeService::entry).toList();
        return new History(rows, Pagination.of(page, total));
    }

    static HistoryEntry entry(PracticeRepository.Event e) {
        return new HistoryEntry(e.id(), e.ritualId(), e.ritualTitle(), e.contentType(), e.startedAt(), e.completedAt(),
                e.duration(), e.completed() ? "completed" : "started");
    }

    Stats stats(UUID userId, String requestedZone) {
        ZoneId zone = timeZones.of(userId, requestedZone);
        List<PracticeRepository.Completed> done = events.completedOf(userId);
        long seconds = done.stream().mapToLong(PracticeRepository.Completed::duration).sum();
        Map<String, Long> secondsByType = done.stream().collect(Collectors.groupingBy(
                PracticeRepository.Completed::contentType, TreeMap::new,
                Collectors.summingLong(PracticeRepository.Completed::duration)));
        Map<String, Long> minutesByType = new LinkedHashMap<>();
        for (String type : new TreeSet<>(ContentRules.CONTENT_TYPES)) {
            minutesByType.put(type, secondsByType.getOrDefault(type, 0L) / 60);
        }
        Set<LocalDate> days = done.stream().map(c -> c.startedAt().atZone(zone).toLocalDate()).collect(Collectors.toSet());
        Streaks.Result streaks = Streaks.of(days, clock.instant().atZone(zone).toLocalDate());
        Instant last = done.stream().map(PracticeRepository.Completed::completedAt).max(Instant::compareTo).orElse(null);
        return new Stats(done.size(), seconds / 60, seconds, streaks.current(), streaks.longest(), minutesByType, last,
                zone.getId());
    }

    /** Every practice event of the person (account export). */
    @Transactional(readOnly = true)
    public List<HistoryEntry> exportAll(UUID userId) {
        return events.allOf(userId).stream().map(PracticeService::entry).toList();
    }
}
