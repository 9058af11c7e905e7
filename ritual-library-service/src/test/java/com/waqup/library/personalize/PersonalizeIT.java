package com.waqup.library.personalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.test.Http;
import com.waqup.library.GenerationStandIn;
import com.waqup.library.LibraryITSupport;
import com.waqup.library.content.ContentService;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Personalizing a bought practice ({@code POST /api/v1/content/{id}/personalize}) on the real service, PostgreSQL,
 * RabbitMQ, Redis and S3: the pack arrives as creator-service publishes it, the claim as payment-service announces it;
 * content-generation's {@code /internal/personalizations} and user-service's profile are stood in
 * ({@link GenerationStandIn}), and content-generation's {@code content.ready}/{@code generation.failed} are published
 * on the broker as it publishes them.
 */
class PersonalizeIT extends LibraryITSupport {

    static final GenerationStandIn STAND_IN = GenerationStandIn.get();
    static final String TEMPLATE = "Welcome. Settle in and let your shoulders soften.\nBreathe in slowly.\n\n"
            + "When you are ready, open your eyes.";

    /** A buyer's library item of a claimed pack, as the library holds it. */
    record Bought(UUID buyer, UUID pack, UUID packItem, UUID item) {
    }

    Bought bought(boolean personalizable) {
        UUID creator = UUID.randomUUID();
        UUID pack = UUID.randomUUID();
        UUID packItem = UUID.randomUUID();
        String key = "packs/" + pack + "/" + packItem + "/1.mp3";
        upload(key);
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("item_id", packItem.toString());
        i.put("position", 1);
        i.put("title", "Evening Calm");
        i.put("content_type", "guided_meditation");
        i.put("practice_type", "guided_meditation");
        i.put("duration", 300);
        i.put("tags", List.of("sleep"));
        i.put("content_text", TEMPLATE);
        i.put("audio_key", key);
        i.put("audio_format", "mp3");
        i.put("audio_size_bytes", (long) mp3().length);
        i.put("personalizable", personalizable);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("pack_id", pack.toString());
        d.put("revision", 1);
        d.put("creator_id", creator.toString());
        d.put("creator_name", "Sarah Facilitator");
        d.put("title", "Evening Wind-Down");
        d.put("price_type", "free");
        d.put("price_amount_minor", 0);
        d.put("currency", "usd");
        d.put("published_at", Instant.now().toString());
        d.put("items", List.of(i));
        publish(EventEnvelope.of("pack.published", d));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from pack_item_version where pack_id = ?", Integer.class, pack) == 1);
        UUID buyer = UUID.randomUUID();
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("payment_id", UUID.randomUUID().toString());
        claim.put("user_id", buyer.toString());
        claim.put("kind", "pack");
        claim.put("pack_id", pack.toString());
        claim.put("pack_revision", 1);
        claim.put("creator_id", creator.toString());
        claim.put("price_type", "free");
        claim.put("amount_minor", 0);
        claim.put("currency", "usd");
        claim.put("occurred_at", Instant.now().toString());
        publish(EventEnvelope.of("payment.succeeded", claim));
        UUID item = ContentService.packItemId(buyer, packItem);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from content_item where id = ?", Integer.class, item) == 1);
        return new Bought(buyer, pack, packItem, item);
    }

    Http.Response personalize(Bought b, String body, String... headers) {
        String[] all = new String[4 + headers.length];
        all[0] = "Authorization";
        all[1] = token(b.buyer());
        all[2] = "Content-Type";
        all[3] = "application/json";
        System.arraycopy(headers, 0, all, 4, headers.length);
        return Http.send("POST", url("/api/v1/content/" + b.item() + "/personalize"), body, all);
    }

    static String code(Http.Response response) {
        return response.json().path("error").path("code").asString();
    }

    int rows(UUID user) {
        return jdbc.queryForObject("select count(*) from personalization where user_id = ?", Integer.class, user);
    }

    @Test
    void shouldStartAPersonalizationWithTheBuyersProfileAndLinkTheReadyItemToThePack() {
        Bought b = bought(true);
        ready(b.buyer()); // their own history: an item whose intent is sleep
        STAND_IN.prefer(b.buyer(), "en-us-male", "slow");

        Http.Response started = personalize(b, "{\"name\": \"Ana\"}");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode body = started.json();
        UUID created = UUID.fromString(body.path("content_item_id").asString());
        assertThat(body.path("ritual_id").asString()).isEqualTo(created.toString());
        assertThat(body.path("job_id").asString()).isEqualTo(created.toString());
        assertThat(body.path("status").asString()).isEqualTo("generating");
        assertThat(body.path("cost").asInt()).isEqualTo(2);
        assertThat(body.path("estimated_time").asInt()).isEqualTo(30);
        assertThat(body.path("personalized_from").asString()).isEqualTo(b.item().toString());
        assertThat(body.path("source_pack_id").asString()).isEqualTo(b.pack().toString());
        List<JsonNode> asked = STAND_IN.personalizationsFor(b.buyer());
        assertThat(asked).hasSize(1);
        JsonNode request = asked.getFirst();
        assertThat(request.path("template_text").asString()).as("the creator's script").isEqualTo(TEMPLATE);
        assertThat(request.path("title").asString()).isEqualTo("Evening Calm");
        assertThat(request.path("content_type").asString()).isEqualTo("guided_meditation");
        assertThat(request.path("name").asString()).isEqualTo("Ana");
        assertThat(request.path("voice_id").asString()).as("the profile's voice").isEqualTo("en-us-male");
        assertThat(request.path("pace").asString()).as("the profile's pace").isEqualTo("slow");
        assertThat(request.path("intent").asString()).as("the intent of their history").isEqualTo("sleep");
        assertThat(request.path("duration_seconds").asInt()).isEqualTo(300);
        assertThat(request.path("pack_id").asString()).isEqualTo(b.pack().toString());
        assertThat(request.path("pack_item_id").asString()).isEqualTo(b.packItem().toString());
        assertThat(request.path("personalized_from").asString()).isEqualTo(b.item().toString());

        Http.Response doubleClick = personalize(b, "{\"name\": \"Ana\"}");
        assertThat(doubleClick.status()).isEqualTo(202);
        assertThat(doubleClick.json().path("job_id").asString()).as("the same personalization").isEqualTo(created.toString());
        assertThat(STAND_IN.personalizationsFor(b.buyer())).as("asked (and charged) once").hasSize(1);

        Map<String, Object> data = readyData(b.buyer(), created, 1);
        data.put("session_id", "personalize:" + jdbc.queryForObject(
                "select id from personalization where content_id = ?", UUID.class, created));
        data.put("title", "Evening Calm for Ana");
        data.put("content_text", "Ana, this practice is yours.\nAna, welcome.");
        ready(b.buyer(), data);

        JsonNode item = ok(get("/api/v1/content/" + created, b.buyer()));
        assertThat(item.path("source").asString()).as("the buyer's own").isEqualTo("own");
        assertThat(item.path("source_pack_id").asString()).isEqualTo(b.pack().toString());
        assertThat(item.path("personalized_from").asString()).isEqualTo(b.item().toString());
        assertThat(item.path("content_text").asString()).contains("Ana");
        assertThat(Http.get(item.path("audio_url").asString()).status()).as("playable").isEqualTo(200);
        JsonNode library = ok(get("/api/v1/content?limit=50", b.buyer()));
        assertThat(library.path("content_items").findValuesAsString("id")).contains(created.toString(), b.item().toString());
        assertThat(jdbc.queryForObject("select status from personalization where content_id = ?", String.class, created))
                .isEqualTo("ready");

        Http.Response again = personalize(b, "{\"name\": \"Ana\"}");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("job_id").asString()).as("ready: asking again makes a new one")
                .isNotEqualTo(created.toString());
        assertThat(STAND_IN.personalizationsFor(b.buyer())).hasSize(2);
    }

    @Test
    void shouldTreatTheSameIdempotencyKeyAsTheSameRequestAndRefuseItWithOtherValues() {
        Bought b = bought(true);
        Http.Response first = personalize(b, "{\"pace\": \"slower\", \"voice\": \"en-gb-female\"}", "Idempotency-Key", "k-1");
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        JsonNode request = STAND_IN.personalizationsFor(b.buyer()).getFirst();
        assertThat(request.path("pace").asString()).isEqualTo("slower");
        assertThat(request.path("voice_id").asString()).isEqualTo("en-gb-female");
        assertThat(request.path("name").isNull()).as("no name given, none invented").isTrue();
        assertThat(request.path("intent").isNull()).as("no history, no intent").isTrue();

        Http.Response repeat = personalize(b, "{\"pace\": \"slower\", \"voice\": \"en-gb-female\"}", "Idempotency-Key", "k-1");
        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.json().path("job_id").asString()).isEqualTo(first.json().path("job_id").asString());
        Http.Response other = personalize(b, "{\"pace\": \"fast\"}", "Idempotency-Key", "k-1");
        assertThat(other.status()).isEqualTo(409);
        assertThat(code(other)).isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(STAND_IN.personalizationsFor(b.buyer())).hasSize(1);
        Http.Response newKey = personalize(b, "{\"pace\": \"slower\", \"voice\": \"en-gb-female\"}", "Idempotency-Key", "k-2");
        assertThat(newKey.json().path("job_id").asString()).isNotEqualTo(first.json().path("job_id").asString());
    }

    @Test
    void shouldAnswer404ForSomeoneElsesItemAndAskNothing() {
        Bought b = bought(true);
        UUID stranger = UUID.randomUUID();
        Http.Response response = Http.send("POST", url("/api/v1/content/" + b.item() + "/personalize"), "{}",
                "Authorization", token(stranger), "Content-Type", "application/json");
        assertThat(response.status()).isEqualTo(404);
        assertThat(code(response)).isEqualTo("CONTENT_NOT_FOUND");
        Http.Response unknown = Http.send("POST", url("/api/v1/content/" + UUID.randomUUID() + "/personalize"), null,
                "Authorization", token(b.buyer()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(STAND_IN.personalizationsFor(stranger)).isEmpty();
        assertThat(STAND_IN.personalizationsFor(b.buyer())).isEmpty();
    }

    @Test
    void shouldRefuseAnItemThatIsNotAPersonalizablePackItemWith409() {
        Bought locked = bought(false);
        Http.Response notPersonalizable = personalize(locked, null);
        assertThat(notPersonalizable.status()).isEqualTo(409);
        assertThat(code(notPersonalizable)).isEqualTo("CONTENT_NOT_PERSONALIZABLE");

        UUID own = ready(locked.buyer());
        Http.Response ownItem = Http.send("POST", url("/api/v1/content/" + own + "/personalize"), "{}",
                "Authorization", token(locked.buyer()), "Content-Type", "application/json");
        assertThat(ownItem.status()).isEqualTo(409);
        assertThat(code(ownItem)).isEqualTo("NOT_A_PACK_ITEM");
        assertThat(STAND_IN.personalizationsFor(locked.buyer())).isEmpty();
        assertThat(rows(locked.buyer())).isZero();
    }

    @Test
    void shouldRejectABadBodyNamingTheField() {
        Bought b = bought(true);
        Http.Response pace = personalize(b, "{\"pace\": \"warp\"}");
        assertThat(pace.status()).isEqualTo(400);
        assertThat(pace.json().path("error").path("details").path("fields").has("pace")).as(pace.body()).isTrue();
        Http.Response name = personalize(b, "{\"name\": \"<script>\"}");
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.json().path("error").path("details").path("fields").has("name")).as(name.body()).isTrue();
        Http.Response tooLong = personalize(b, "{\"name\": \"" + "A".repeat(41) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(STAND_IN.personalizationsFor(b.buyer())).isEmpty();
    }

    @Test
    void shouldPassOn402AndKeepNothingSoThePersonCanTryAgain() {
        Bought b = bought(true);
        STAND_IN.refusePersonalizations(b.buyer(), 402, "INSUFFICIENT_CREDITS", "Not enough credits");
        Http.Response refused = personalize(b, "{\"name\": \"Ana\"}");
        assertThat(refused.status()).isEqualTo(402);
        assertThat(code(refused)).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(rows(b.buyer())).as("nothing created").isZero();

        STAND_IN.refusePersonalizations(b.buyer(), null, null, null);
        Http.Response later = personalize(b, "{\"name\": \"Ana\"}");
        assertThat(later.status()).as(later.body()).isEqualTo(202);
        assertThat(rows(b.buyer())).isEqualTo(1);
    }

    @Test
    void shouldEndAFailedPersonalizationSoTheSameRequestStartsANewOne() {
        Bought b = bought(true);
        UUID first = UUID.fromString(personalize(b, "{}").json().path("job_id").asString());

        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("job_id", first.toString());
        failed.put("content_id", first.toString());
        failed.put("ritual_id", first.toString());
        failed.put("user_id", b.buyer().toString());
        failed.put("code", "TTS_FAILED");
        failed.put("reason", "speech synthesis failed");
        failed.put("credits_released", true);
        publish(EventEnvelope.of("generation.failed", failed));
        await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(jdbc.queryForObject(
                "select status from personalization where content_id = ?", String.class, first)));

        Http.Response again = personalize(b, "{}");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("job_id").asString()).isNotEqualTo(first.toString());
        assertThat(jdbc.queryForObject("select count(*) from content_item where id = ?", Integer.class, first)).isZero();
    }
}
