package com.waqup.creator.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.EventContracts;
import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.creator.CreatorITSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Creator analytics fed by other services' events, played here as payment (payment.succeeded), ritual-library
 * (practice.started, practice.completed) and catalog (pack.rated) send them.
 */
class AnalyticsIT extends CreatorITSupport {

    static final LocalDate DAY = LocalDate.of(2026, 11, 28);

    String publishedPack(UUID creator) {
        String id = draft(creator, "{\"title\":\"Calm\",\"price_type\":\"free\"}", libraryItem(creator, "Calm", 60));
        ok(as(creator, "POST", "/api/v1/creators/me/packs/" + id + "/publish", null));
        return id;
    }

    void send(EventEnvelope<Map<String, Object>> event) {
        EventProbe.publish(rabbit, event.eventId(), event.type(), event.data());
    }

    EventEnvelope<Map<String, Object>> claim(String pack, UUID user, Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("payment_id", UUID.randomUUID().toString());
        d.put("user_id", user.toString());
        d.put("kind", "pack");
        d.put("pack_id", pack);
        d.put("pack_revision", 1);
        d.put("creator_id", UUID.randomUUID().toString());
        d.put("credit_pack", null);
        d.put("credits", null);
        d.put("price_type", "free");
        d.put("amount_minor", 0);
        d.put("currency", "usd");
        d.put("provider", "none");
        d.put("provider_reference", null);
        d.put("occurred_at", at.toString());
        return EventEnvelope.of("payment.succeeded", d);
    }

    EventEnvelope<Map<String, Object>> practice(String type, String pack, UUID user, Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("practice_event_id", UUID.randomUUID().toString());
        d.put("user_id", user.toString());
        d.put("ritual_id", UUID.randomUUID().toString());
        d.put("content_type", "guided_meditation");
        d.put("started_at", at.toString());
        if (type.equals("practice.completed")) {
            d.put("completed_at", at.plusSeconds(60).toString());
            d.put("duration", 60);
        }
        d.put("pack_id", pack);
        return EventEnvelope.of(type, d);
    }

    EventEnvelope<Map<String, Object>> rated(String pack, UUID user, int rating, double average, int count, Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("pack_id", pack);
        d.put("creator_id", UUID.randomUUID().toString());
        d.put("reviewer_id", user.toString());
        d.put("rating", rating);
        d.put("previous_rating", null);
        d.put("average_rating", average);
        d.put("review_count", count);
        d.put("rated_at", at.toString());
        return EventEnvelope.of("pack.rated", d);
    }

    JsonNode report(UUID creator, String pack, String query) {
        return ok(as(creator, "GET", "/api/v1/creators/me/packs/" + pack + "/analytics" + query, null));
    }

    @Test
    void shouldCountClaimsPlaysCompletionsPractitionersAndRatingPerDayFromEvents() {
        UUID creator = creator("Analyst " + UUID.randomUUID().toString().substring(0, 6));
        String pack = publishedPack(creator);
        Instant morning = DAY.atTime(9, 0).toInstant(ZoneOffset.UTC);
        Instant nextDay = DAY.plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        UUID ann = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        EventEnvelope<Map<String, Object>> annClaim = claim(pack, ann, morning);
        send(annClaim);
        send(annClaim); // redelivered: counted once
        send(claim(pack, bob, nextDay));
        send(practice("practice.started", pack, ann, morning));
        send(practice("practice.started", pack, ann, nextDay));
        send(practice("practice.started", pack, bob, nextDay));
        send(practice("practice.completed", pack, ann, nextDay));
        send(practice("practice.completed", null, ann, nextDay)); // their own item: not the pack's
        send(rated(pack, bob, 4, 4.5, 2, nextDay));
        send(rated(pack, ann, 5, 5.0, 1, morning)); // an older average arriving late does not win

        JsonNode r = await().atMost(Duration.ofSeconds(20)).until(
                () -> report(creator, pack, "?from=" + DAY + "&to=" + DAY.plusDays(2)),
                j -> j.path("plays").asLong() == 3 && j.path("claims").asLong() == 2 && j.path("completions").asLong() == 1
                        && j.path("daily").get(0).path("ratings").asLong() == 1 && j.path("rating").path("count").asInt() == 2);
        assertThat(r.path("purchases").asLong()).isZero();
        assertThat(r.path("unique_practitioners").asLong()).isEqualTo(2);
        assertThat(r.path("rating").path("average").decimalValue()).isEqualByComparingTo("4.5");
        assertThat(r.path("from").asString()).isEqualTo(DAY.toString());
        assertThat(r.path("daily")).hasSize(3);
        JsonNode first = r.path("daily").get(0);
        assertThat(first.path("date").asString()).isEqualTo(DAY.toString());
        assertThat(first.path("claims").asLong()).isEqualTo(1);
        assertThat(first.path("plays").asLong()).isEqualTo(1);
        JsonNode second = r.path("daily").get(1);
        assertThat(second.path("plays").asLong()).isEqualTo(2);
        assertThat(second.path("completions").asLong()).isEqualTo(1);
        assertThat(r.path("daily").get(2).path("plays").asLong()).isZero();

        JsonNode oneDay = report(creator, pack, "?from=" + DAY + "&to=" + DAY);
        assertThat(oneDay.path("plays").asLong()).isEqualTo(1);
        assertThat(oneDay.path("unique_practitioners").asLong()).isEqualTo(1);
    }

    EventEnvelope<Map<String, Object>> golden(String type, Map<String, Object> overrides) {
        Map<String, Object> d = JSON.convertValue(EventContracts.golden(type), new TypeReference<LinkedHashMap<String, Object>>() {
        });
        d.putAll(overrides);
        return EventEnvelope.of(type, d);
    }

    @Test
    void shouldReportRevenueRefundsAndTokensEarnedFromPaymentAndRewardEvents() {
        UUID creator = creator("Earner " + UUID.randomUUID().toString().substring(0, 6));
        String pack = publishedPack(creator);
        Instant morning = DAY.atTime(9, 0).toInstant(ZoneOffset.UTC);
        Instant nextDay = DAY.plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        EventEnvelope<Map<String, Object>> bought = golden("payment.succeeded", Map.of("pack_id", pack, "price_type",
                "subscription", "amount_minor", 999, "occurred_at", morning.toString()));
        send(bought);
        send(bought); // redelivered: counted once
        send(golden("subscription.renewed", Map.of("pack_id", pack, "amount_minor", 499, "occurred_at", nextDay.toString())));
        send(golden("payment.refunded", Map.of("pack_id", pack, "refunded_minor", 300, "refunded_at", nextDay.toString())));
        send(golden("payment.refunded", Map.of("pack_id", pack, "kind", "credit_pack", "refunded_minor", 1000,
                "refunded_at", nextDay.toString()))); // a credit pack's refund: not the pack's
        send(golden("reward.earned", Map.of("pack_id", pack, "creator_id", creator.toString(), "tokens", 699,
                "occurred_at", morning.toString())));
        send(golden("reward.earned", Map.of("pack_id", pack, "creator_id", creator.toString(), "tokens", -210,
                "source", "refund", "occurred_at", nextDay.toString())));

        JsonNode r = await().atMost(Duration.ofSeconds(20)).until(
                () -> report(creator, pack, "?from=" + DAY + "&to=" + DAY.plusDays(1)),
                j -> j.path("renewals").asLong() == 1 && j.path("refunds").asLong() == 1 && j.path("purchases").asLong() == 1
                        && j.path("tokens_earned").asLong() == 489);
        assertThat(r.path("revenue").path("gross_minor").asLong()).isEqualTo(1498);
        assertThat(r.path("revenue").path("refunded_minor").asLong()).isEqualTo(300);
        assertThat(r.path("revenue").path("net_minor").asLong()).isEqualTo(1198);
        assertThat(r.path("revenue").path("currency").asString()).isEqualTo("usd");
        assertThat(r.path("daily").get(0).path("revenue_minor").asLong()).isEqualTo(999);
        assertThat(r.path("daily").get(0).path("tokens_earned").asLong()).isEqualTo(699);
        assertThat(r.path("daily").get(1).path("refunded_minor").asLong()).isEqualTo(300);
        assertThat(r.path("daily").get(1).path("tokens_earned").asLong()).isEqualTo(-210);
        assertThat(r.path("claims").asLong()).isZero();
    }

    @Test
    void shouldAnswer404ForAnotherCreatorsPackAndRefuseBadRanges() {
        UUID owner = creator("Owner A " + UUID.randomUUID().toString().substring(0, 6));
        String pack = publishedPack(owner);
        UUID other = creator("Other A " + UUID.randomUUID().toString().substring(0, 6));
        Http.Response foreign = as(other, "GET", "/api/v1/creators/me/packs/" + pack + "/analytics", null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().path("error").path("code").asString()).isEqualTo("PACK_NOT_FOUND");
        Http.Response reversed = as(owner, "GET", "/api/v1/creators/me/packs/" + pack + "/analytics?from=2026-11-28&to=2026-11-01", null);
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().path("error").path("details").path("fields").has("from")).isTrue();
        assertThat(as(owner, "GET", "/api/v1/creators/me/packs/" + pack + "/analytics?from=2024-01-01&to=2026-01-01", null)
                .status()).as("over a year").isEqualTo(400);
        assertThat(as(owner, "GET", "/api/v1/creators/me/packs/" + pack + "/analytics?from=yesterday", null).status())
                .isEqualTo(400);
        JsonNode empty = report(owner, pack, "");
        assertThat(empty.path("daily")).as("the last 30 days by default").hasSize(30);
        assertThat(empty.path("rating").path("count").asInt()).isZero();
    }
}
