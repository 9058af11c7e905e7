package com.waqup.library.practice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.library.LibraryITSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import tools.jackson.databind.JsonNode;

/** Play, complete, practice.completed, history and stats against the real service and broker. */
class PracticeIT extends LibraryITSupport {

    String play(UUID user, UUID item, Instant startedAt) {
        Http.Response r = send("POST", "/api/v1/content/" + item + "/play", user, "{\"started_at\":\"" + startedAt + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("started");
        return r.json().path("practice_event_id").asString();
    }

    Http.Response complete(UUID user, UUID item, String event, Instant completedAt, int duration) {
        return send("POST", "/api/v1/content/" + item + "/complete", user, "{\"practice_event_id\":\"" + event
                + "\",\"completed_at\":\"" + completedAt + "\",\"duration\":" + duration + "}");
    }

    @Test
    void shouldRecordAPracticeSessionCountThePlayAndPublishPracticeCompletedOnce() {
        Queue queue = listen("practice.completed");
        UUID user = UUID.randomUUID();
        UUID item = ready(user);
        Instant started = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
        String event = play(user, item, started);
        JsonNode listed = ok(get("/api/v1/content", user)).path("content_items").get(0);
        assertThat(listed.path("play_count").asInt()).isEqualTo(1);
        assertThat(Instant.parse(listed.path("last_played_at").asString())).isEqualTo(started);

        Instant completed = started.plusSeconds(590);
        Http.Response first = complete(user, item, event, completed, 590);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("practice_event_id").asString()).isEqualTo(event);
        assertThat(first.json().path("status").asString()).isEqualTo("completed");
        Http.Response again = complete(user, item, event, completed.plusSeconds(5), 12);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).as("completing twice answers the same").isEqualTo(first.body());

        JsonNode published = awaitEvent(queue, e -> e.path("data").path("practice_event_id").asString().equals(event));
        assertThat(published.path("type").asString()).isEqualTo("practice.completed");
        assertThat(published.path("event_id").asString()).isNotBlank();
        assertThat(published.path("correlation_id").asString()).isNotBlank();
        JsonNode data = published.path("data");
        assertThat(fieldNames(data)).as("the golden shape").isEqualTo(fieldNames(golden("practice.completed")));
        assertThat(data.path("user_id").asString()).isEqualTo(user.toString());
        assertThat(data.path("ritual_id").asString()).isEqualTo(item.toString());
        assertThat(data.path("content_type").asString()).isEqualTo("guided_meditation");
        assertThat(data.path("duration").asInt()).isEqualTo(590);
        assertThat(data.path("pack_id").isNull()).isTrue();
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> drain(queue).stream().noneMatch(e -> e.path("data").path("practice_event_id").asString().equals(event)));
        assertThat(jdbc.queryForObject("select duration from practice_event where id = ?::uuid", Integer.class, event))
                .as("the first completion stands").isEqualTo(590);
        amqp.deleteQueue(queue.getName());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>(node.propertyNames());
        Collections.sort(names);
        return names;
    }

    @Test
    void shouldAnswer404ForAnUnknownForeignOrOtherItemsEvent() {
        UUID user = UUID.randomUUID();
        UUID item = ready(user);
        UUID other = ready(user);
        String event = play(user, item, Instant.now().minusSeconds(60));
        Instant now = Instant.now();
        assertThat(complete(user, item, UUID.randomUUID().toString(), now, 60).status()).isEqualTo(404);
        Http.Response wrongItem = complete(user, other, event, now, 60);
        assertThat(wrongItem.status()).isEqualTo(404);
        assertThat(wrongItem.json().path("error").path("code").asString()).isEqualTo("PRACTICE_EVENT_NOT_FOUND");
        assertThat(complete(UUID.randomUUID(), item, event, now, 60).status()).as("someone else's event").isEqualTo(404);
        assertThat(send("POST", "/api/v1/content/" + UUID.randomUUID() + "/play", user,
                "{\"started_at\":\"" + now + "\"}").status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select completed_at is null from practice_event where id = ?::uuid", Boolean.class, event))
                .isTrue();
    }

    @Test
    void shouldValidatePlayAndCompleteTimestampsAndDuration() {
        UUID user = UUID.randomUUID();
        UUID item = ready(user);
        Instant now = Instant.now();
        for (String body : List.of("{}", "{\"started_at\":\"" + now.plus(Duration.ofHours(1)) + "\"}",
                "{\"started_at\":\"" + now.minus(Duration.ofDays(40)) + "\"}", "{\"started_at\":\"yesterday\"}")) {
            Http.Response r = send("POST", "/api/v1/content/" + item + "/play", user, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().path("error").has("code")).isTrue();
        }
        String event = play(user, item, now.minusSeconds(300));
        assertThat(complete(user, item, event, now.minusSeconds(400), 10).status()).as("before started_at").isEqualTo(400);
        assertThat(complete(user, item, event, now, -1).status()).isEqualTo(400);
        assertThat(complete(user, item, event, now, 86_401).status()).isEqualTo(400);
        assertThat(complete(user, item, event, now.plus(Duration.ofHours(2)), 10).status()).as("future").isEqualTo(400);
        assertThat(send("POST", "/api/v1/content/" + item + "/complete", user, "{\"practice_event_id\":\"" + event + "\"}")
                .status()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/content/" + item + "/complete", user, "{\"completed_at\":\"" + now + "\"}")
                .status()).isEqualTo(400);
        assertThat(complete(user, item, event, now, 0).status()).as("0 s is a valid duration").isEqualTo(200);
    }

    @Test
    void shouldListTheHistoryNewestFirstFilteredByRitualAndPaginated() {
        UUID user = UUID.randomUUID();
        UUID a = ready(user);
        Map<String, Object> second = readyData(user, UUID.randomUUID(), 1);
        second.put("title", "Morning Fire");
        second.put("content_type", "ritual");
        UUID b = ready(user, second);
        Instant base = Instant.now().minus(Duration.ofHours(5));
        String e1 = play(user, a, base);
        complete(user, a, e1, base.plusSeconds(300), 300);
        String e2 = play(user, b, base.plusSeconds(3600));
        String e3 = play(user, a, base.plusSeconds(7200));
        UUID stranger = UUID.randomUUID();
        play(stranger, ready(stranger), base); // another person's

        JsonNode history = ok(get("/api/v1/users/me/history?limit=2", user));
        assertThat(history.path("pagination").path("total").asInt()).isEqualTo(3);
        assertThat(history.path("pagination").path("pages").asInt()).isEqualTo(2);
        JsonNode first = history.path("practice_events").get(0);
        assertThat(first.path("id").asString()).isEqualTo(e3);
        assertThat(history.path("practice_events").get(1).path("id").asString()).isEqualTo(e2);
        assertThat(history.path("practice_events").get(1).path("ritual_title").asString()).isEqualTo("Morning Fire");
        assertThat(first.path("completed_at").isNull()).isTrue();
        JsonNode page2 = ok(get("/api/v1/users/me/history?limit=2&page=2", user)).path("practice_events").get(0);
        assertThat(page2.path("id").asString()).isEqualTo(e1);
        for (String field : List.of("id", "ritual_id", "ritual_title", "started_at", "completed_at", "duration")) {
            assertThat(page2.has(field)).as(field).isTrue();
        }
        assertThat(page2.path("duration").asInt()).isEqualTo(300);
        JsonNode onlyA = ok(get("/api/v1/users/me/history?ritual_id=" + a, user));
        assertThat(onlyA.path("pagination").path("total").asInt()).isEqualTo(2);
        onlyA.path("practice_events").forEach(e -> assertThat(e.path("ritual_id").asString()).isEqualTo(a.toString()));
        assertThat(get("/api/v1/users/me/history?ritual_id=x", user).status()).isEqualTo(400);
        assertThat(get("/api/v1/users/me/history?limit=500", user).status()).isEqualTo(400);
    }

    /** A session completed on a given local day at a given local time, 10 minutes long. */
    void sessionOn(UUID user, UUID item, LocalDate day, int hour, int minute, ZoneId zone) {
        session(user, item, ZonedDateTime.of(day.atTime(hour, minute), zone).toInstant());
    }

    /** Today's session: 15 minutes ago, so never in the future whatever the time of day. */
    void sessionNow(UUID user, UUID item) {
        session(user, item, Instant.now().minus(Duration.ofMinutes(15)));
    }

    void session(UUID user, UUID item, Instant started) {
        String event = play(user, item, started);
        assertThat(complete(user, item, event, started.plusSeconds(600), 600).status()).isEqualTo(200);
    }

    @Test
    void shouldComputeTotalsMinutesByTypeAndForgivingStreaksInTheRequestedTimeZone() {
        UUID user = UUID.randomUUID();
        UUID meditation = ready(user);
        UUID affirmation = ready(user, "affirmation", "shallow", List.of());
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        LocalDate today = Instant.now().minus(Duration.ofMinutes(15)).atZone(tokyo).toLocalDate();
        // today, yesterday, (2 days ago missed), 3 and 4 days ago, at 08:00 in Tokyo
        sessionNow(user, meditation);
        sessionOn(user, affirmation, today.minusDays(1), 8, 0, tokyo);
        sessionOn(user, meditation, today.minusDays(3), 8, 0, tokyo);
        sessionOn(user, meditation, today.minusDays(4), 8, 0, tokyo);
        String unfinished = play(user, meditation, Instant.now().minusSeconds(30));
        assertThat(unfinished).isNotBlank();

        JsonNode stats = ok(get("/api/v1/users/me/stats?time_zone=Asia/Tokyo", user));
        assertThat(stats.path("time_zone").asString()).isEqualTo("Asia/Tokyo");
        assertThat(stats.path("total_sessions").asInt()).as("only completed sessions").isEqualTo(4);
        assertThat(stats.path("total_minutes").asInt()).isEqualTo(40);
        assertThat(stats.path("minutes_by_content_type").path("guided_meditation").asInt()).isEqualTo(30);
        assertThat(stats.path("minutes_by_content_type").path("affirmation").asInt()).isEqualTo(10);
        assertThat(stats.path("minutes_by_content_type").path("ritual").asInt()).isZero();
        assertThat(stats.path("current_streak").asInt()).as("one forgiven miss").isEqualTo(4);
        assertThat(stats.path("longest_streak").asInt()).isEqualTo(4);
        assertThat(stats.path("last_practice_at").asString()).isNotBlank();

        // the same sessions counted in another zone: the totals do not depend on it
        JsonNode honolulu = ok(get("/api/v1/users/me/stats?time_zone=Pacific/Honolulu", user));
        assertThat(honolulu.path("time_zone").asString()).isEqualTo("Pacific/Honolulu");
        assertThat(honolulu.path("total_sessions").asInt()).isEqualTo(4);

        Http.Response invalid = get("/api/v1/users/me/stats?time_zone=Mars/Olympus", user);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("error").path("details").path("fields").has("time_zone")).isTrue();
    }

    @Test
    void shouldFallBackToUtcWhenNoTimeZoneIsGivenAndUserServiceCannotAnswer() {
        UUID user = UUID.randomUUID();
        JsonNode stats = ok(get("/api/v1/users/me/stats", user));
        assertThat(stats.path("time_zone").asString()).isEqualTo("UTC");
        assertThat(stats.path("total_sessions").asInt()).isZero();
        assertThat(stats.path("current_streak").asInt()).isZero();
        assertThat(stats.path("last_practice_at").isNull()).isTrue();
    }

    @Test
    void shouldBreakTheStreakOnTwoMissesInAWeek() {
        UUID user = UUID.randomUUID();
        UUID item = ready(user);
        ZoneId utc = ZoneId.of("UTC");
        LocalDate today = Instant.now().minus(Duration.ofMinutes(15)).atZone(utc).toLocalDate();
        for (int ago : new int[] { 6, 4, 2, 1 }) { // misses 5 and 3 days ago: the second one breaks the streak
            sessionOn(user, item, today.minusDays(ago), 0, 1, utc);
        }
        sessionNow(user, item);
        JsonNode stats = ok(get("/api/v1/users/me/stats?time_zone=UTC", user));
        assertThat(stats.path("current_streak").asInt()).as("2, 1 days ago and today").isEqualTo(3);
        assertThat(stats.path("longest_streak").asInt()).isEqualTo(3);
    }
}
