package com.waqup.creator.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import com.waqup.common.test.EventContracts;
import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import com.waqup.creator.CreatorITSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Packs: drafts, items from the creator's library, publishing and revisions, archiving, and every refusal. */
class PackIT extends CreatorITSupport {

    static final String PAID = "{\"title\":\"Evening Wind-Down\",\"description\":\"Let the day go.\",\"price_type\":\"one_time\","
            + "\"price_amount\":9.99,\"currency\":\"USD\",\"tags\":[\"Sleep\",\"evening\",\"sleep\"]}";
    static final String FREE = "{\"title\":\"Free Calm\",\"price_type\":\"free\",\"tags\":[\"calm\"]}";

    static final Duration WAIT = Duration.ofSeconds(20);

    static Predicate<JsonNode> about(String packId) {
        return e -> e.path("data").path("pack_id").asString().equals(packId);
    }

    @Test
    void shouldCreateADraftWithDecimalPriceStoredAsMinorUnits() {
        UUID creator = creator("Draft Maker " + UUID.randomUUID().toString().substring(0, 6));
        Http.Response r = as(creator, "POST", "/api/v1/creators/me/packs", PAID);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode pack = r.json();
        assertThat(pack.path("status").asString()).isEqualTo("draft");
        assertThat(pack.path("price_amount").decimalValue()).isEqualByComparingTo("9.99");
        assertThat(pack.path("currency").asString()).isEqualTo("usd");
        assertThat(pack.path("tags").toString()).isEqualTo("[\"sleep\",\"evening\"]");
        assertThat(pack.path("revision").asInt()).isZero();
        assertThat(jdbc.queryForObject("select price_amount_minor from pack where id = ?::uuid", Long.class,
                pack.path("id").asString())).isEqualTo(999L);
    }

    @Test
    void shouldPublishCopyingItemsIntoPackOwnedVersionsAndSendPackPublished() {
        EventProbe queue = listen("pack.*");
        UUID creator = creator("Publisher " + UUID.randomUUID().toString().substring(0, 6));
        UUID first = libraryItem(creator, "Evening Calm", 301);
        UUID second = libraryItem(creator, "Night Breath", 180);
        String id = draft(creator, PAID, second, first);

        JsonNode published = ok(as(creator, "POST", "/api/v1/creators/me/packs/" + id + "/publish", null));
        assertThat(published.path("status").asString()).isEqualTo("published");
        assertThat(published.path("revision").asInt()).isEqualTo(1);
        assertThat(published.path("published_at").asString()).isNotBlank();
        assertThat(published.path("items").get(0).path("content_id").asString()).isEqualTo(second.toString());
        assertThat(published.path("items").get(0).path("title").asString()).isEqualTo("Night Breath");

        JsonNode event = queue.await(about(id), WAIT);
        assertThat(event.path("type").asString()).isEqualTo("pack.published");
        JsonNode data = event.path("data");
        assertThat(fieldNames(data)).isEqualTo(fieldNames(EventContracts.golden("pack.published")));
        assertThat(data.path("revision").asInt()).isEqualTo(1);
        assertThat(data.path("creator_id").asString()).isEqualTo(creator.toString());
        assertThat(data.path("creator_name").asString()).startsWith("Publisher ");
        assertThat(data.path("price_amount_minor").asLong()).isEqualTo(999L);
        JsonNode item = data.path("items").get(0);
        assertThat(item.path("position").asInt()).isEqualTo(1);
        assertThat(item.path("title").asString()).isEqualTo("Night Breath");
        assertThat(item.path("content_text").asString()).contains("Night Breath");
        assertThat(item.path("audio_key").asString())
                .isEqualTo("packs/" + id + "/" + item.path("item_id").asString() + "/1.mp3");
        assertThat(data.path("items")).hasSize(2);
        queue.close();
    }

    @Test
    void shouldPublishAChangeToAPublishedPackAsANewRevisionKeepingCopiedItems() {
        EventProbe queue = listen("pack.*");
        UUID creator = creator("Reviser " + UUID.randomUUID().toString().substring(0, 6));
        UUID first = libraryItem(creator, "Evening Calm", 301);
        String id = draft(creator, PAID, first);
        ok(as(creator, "POST", "/api/v1/creators/me/packs/" + id + "/publish", null));
        String firstKey = queue.await(about(id), WAIT).path("data").path("items").get(0).path("audio_key").asString();

        JsonNode updated = ok(as(creator, "PUT", "/api/v1/creators/me/packs/" + id,
                PAID.replace("Evening Wind-Down", "Evening Wind-Down (renewed)").replace("9.99", "12.50")));
        assertThat(updated.path("revision").asInt()).isEqualTo(2);
        assertThat(updated.path("status").asString()).isEqualTo("published");
        JsonNode event = queue.await(about(id).and(e -> e.path("data").path("revision").asInt() == 2), WAIT);
        assertThat(event.path("type").asString()).isEqualTo("pack.updated");
        assertThat(event.path("data").path("title").asString()).isEqualTo("Evening Wind-Down (renewed)");
        assertThat(event.path("data").path("price_amount_minor").asLong()).isEqualTo(1250L);
        assertThat(event.path("data").path("items").get(0).path("audio_key").asString())
                .as("an item copied before keeps its version").isEqualTo(firstKey);

        UUID added = libraryItem(creator, "Dawn", 120);
        JsonNode withItem = ok(as(creator, "PUT", "/api/v1/creators/me/packs/" + id + "/items", contentIds(first, added)));
        assertThat(withItem.path("revision").asInt()).isEqualTo(3);
        JsonNode third = queue.await(about(id).and(e -> e.path("data").path("revision").asInt() == 3), WAIT);
        assertThat(third.path("data").path("items").get(1).path("audio_key").asString()).endsWith("/3.mp3");

        JsonNode revisions = ok(as(creator, "GET", "/api/v1/creators/me/packs/" + id + "/revisions", null));
        assertThat(revisions.path("revisions")).hasSize(3);
        assertThat(revisions.path("revisions").get(0).path("revision").asInt()).isEqualTo(3);
        assertThat(revisions.path("pagination").path("total").asInt()).isEqualTo(3);
        queue.close();
    }

    @Test
    void shouldCarryAnItemsPersonalizableFlagInANewRevisionAndDefaultItToFalse() {
        EventProbe queue = listen("pack.*");
        UUID creator = creator("Personalizer " + UUID.randomUUID().toString().substring(0, 6));
        UUID first = libraryItem(creator, "Evening Calm", 301);
        UUID second = libraryItem(creator, "Night Breath", 180);
        String id = draft(creator, PAID, first, second);
        JsonNode draft = ok(as(creator, "GET", "/api/v1/creators/me/packs/" + id, null));
        assertThat(draft.path("items").get(0).path("personalizable").asBoolean()).as("off by default").isFalse();
        String firstItem = draft.path("items").get(0).path("item_id").asString();

        JsonNode marked = ok(as(creator, "PUT", "/api/v1/creators/me/packs/" + id + "/items/" + firstItem,
                "{\"personalizable\":true}"));
        assertThat(marked.path("items").get(0).path("personalizable").asBoolean()).isTrue();
        assertThat(marked.path("revision").asInt()).as("a draft changes in place").isZero();
        ok(as(creator, "POST", "/api/v1/creators/me/packs/" + id + "/publish", null));
        JsonNode published = queue.await(about(id), WAIT).path("data");
        assertThat(published.path("items").get(0).path("personalizable").asBoolean()).isTrue();
        assertThat(published.path("items").get(1).path("personalizable").asBoolean()).isFalse();

        JsonNode unmarked = ok(as(creator, "PUT", "/api/v1/creators/me/packs/" + id + "/items/" + firstItem,
                "{\"personalizable\":false}"));
        assertThat(unmarked.path("revision").asInt()).as("a published pack changes as a new revision").isEqualTo(2);
        JsonNode updated = queue.await(about(id).and(e -> e.path("data").path("revision").asInt() == 2), WAIT);
        assertThat(updated.path("type").asString()).isEqualTo("pack.updated");
        assertThat(updated.path("data").path("items").get(0).path("personalizable").asBoolean()).isFalse();
        assertThat(updated.path("data").path("items").get(0).path("audio_key").asString())
                .isEqualTo(published.path("items").get(0).path("audio_key").asString());

        assertThat(as(creator, "PUT", "/api/v1/creators/me/packs/" + id + "/items/" + UUID.randomUUID(),
                "{\"personalizable\":true}").status()).isEqualTo(404);
        Http.Response missing = as(creator, "PUT", "/api/v1/creators/me/packs/" + id + "/items/" + firstItem, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("error").path("code").asString()).isNotBlank();
        UUID other = creator("Stranger " + UUID.randomUUID().toString().substring(0, 6));
        assertThat(as(other, "PUT", "/api/v1/creators/me/packs/" + id + "/items/" + firstItem,
                "{\"personalizable\":true}").status()).isEqualTo(404);
        queue.close();
    }

    @Test
    void shouldRepublishPublishedPacksUnderTheCreatorsNewName() {
        EventProbe queue = listen("pack.updated");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        UUID creator = creator("Old Name " + suffix);
        String id = draft(creator, FREE, libraryItem(creator, "Calm", 60));
        ok(as(creator, "POST", "/api/v1/creators/me/packs/" + id + "/publish", null));
        draft(creator, FREE); // a draft is not republished
        ok(as(creator, "PUT", "/api/v1/creators/me", "{\"display_name\":\"New Name " + suffix + "\"}"));
        JsonNode event = queue.await(about(id), WAIT);
        assertThat(event.path("data").path("revision").asInt()).isEqualTo(2);
        assertThat(event.path("data").path("creator_name").asString()).isEqualTo("New Name " + suffix);
        assertThat(ok(as(creator, "GET", "/api/v1/creators/me/packs/" + id, null)).path("revision").asInt()).isEqualTo(2);
        queue.close();
    }

    @Test
    void shouldArchiveAPublishedPackAndRefuseLaterChanges() {
        EventProbe queue = listen("pack.archived");
        UUID creator = creator("Archiver " + UUID.randomUUID().toString().substring(0, 6));
        String id = draft(creator, FREE, libraryItem(creator, "Calm", 60));
        ok(as(creator, "POST", "/api/v1/creators/me/packs/" + id + "/publish", null));
        JsonNode archived = ok(as(creator, "POST", "/api/v1/creators/me/packs/" + id + "/archive", null));
        assertThat(archived.path("status").asString()).isEqualTo("archived");
        JsonNode event = queue.await(about(id), WAIT);
        assertThat(event.path("data").path("revision").asInt()).isEqualTo(1);
        assertThat(event.path("data").path("creator_id").asString()).isEqualTo(creator.toString());

        Http.Response change = as(creator, "PUT", "/api/v1/creators/me/packs/" + id, FREE.replace("Free Calm", "Again"));
        assertThat(change.status()).isEqualTo(409);
        assertThat(change.json().path("error").path("code").asString()).isEqualTo("PACK_ARCHIVED");
        assertThat(ok(as(creator, "POST", "/api/v1/creators/me/packs/" + id + "/archive", null)).path("status").asString())
                .as("archiving twice changes nothing").isEqualTo("archived");
        queue.close();
    }

    @Test
    void shouldListOnlyTheCreatorsOwnPacksPagedAndFilteredByStatus() {
        UUID creator = creator("Lister " + UUID.randomUUID().toString().substring(0, 6));
        for (int i = 0; i < 3; i++) {
            draft(creator, FREE);
        }
        String published = draft(creator, FREE, libraryItem(creator, "Calm", 60));
        ok(as(creator, "POST", "/api/v1/creators/me/packs/" + published + "/publish", null));
        creator("Other " + UUID.randomUUID().toString().substring(0, 6));

        JsonNode page = ok(as(creator, "GET", "/api/v1/creators/me/packs?limit=2&page=2", null));
        assertThat(page.path("packs")).hasSize(2);
        assertThat(page.path("pagination").path("total").asInt()).isEqualTo(4);
        assertThat(page.path("pagination").path("pages").asInt()).isEqualTo(2);
        assertThat(page.path("pagination").path("has_prev").asBoolean()).isTrue();
        JsonNode live = ok(as(creator, "GET", "/api/v1/creators/me/packs?status=published", null));
        assertThat(live.path("packs")).hasSize(1);
        assertThat(live.path("packs").get(0).path("id").asString()).isEqualTo(published);
        assertThat(live.path("packs").get(0).path("item_count").asInt()).isEqualTo(1);
        Http.Response bad = as(creator, "GET", "/api/v1/creators/me/packs?status=live", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("details").path("fields").has("status")).isTrue();
    }

    @Test
    void shouldAnswer404ForAnotherCreatorsPackAndChangeNothing() {
        UUID owner = creator("Owner " + UUID.randomUUID().toString().substring(0, 6));
        String id = draft(owner, FREE);
        UUID intruder = creator("Intruder " + UUID.randomUUID().toString().substring(0, 6));
        for (String[] call : new String[][] { { "GET", "" }, { "PUT", "" }, { "POST", "/publish" }, { "POST", "/archive" },
                { "GET", "/revisions" } }) {
            Http.Response r = as(intruder, call[0], "/api/v1/creators/me/packs/" + id + call[1], call[0].equals("PUT") ? FREE : null);
            assertThat(r.status()).as(call[0] + call[1]).isEqualTo(404);
            assertThat(r.json().path("error").path("code").asString()).isEqualTo("PACK_NOT_FOUND");
        }
        assertThat(jdbc.queryForObject("select status from pack where id = ?::uuid", String.class, id)).isEqualTo("draft");
    }

    // ---- bad input: a 4xx envelope, nothing changed ----------------------------------------------------------

    void assertRefused(Http.Response r, int status, String code, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("error").path("code").asString()).isEqualTo(code);
        if (field != null) {
            assertThat(r.json().path("error").path("details").path("fields").has(field)).as(r.body()).isTrue();
        }
    }

    @Test
    void shouldRefuseUnknownEnumsNegativeAndExcessivePricesAndStoreNothing() {
        UUID creator = creator("Careful " + UUID.randomUUID().toString().substring(0, 6));
        String path = "/api/v1/creators/me/packs";
        assertRefused(as(creator, "POST", path, FREE.replace("\"free\"", "\"lifetime\"")), 400, "VALIDATION_FAILED", "price_type");
        assertRefused(as(creator, "POST", path, PAID.replace("9.99", "-1")), 400, "VALIDATION_FAILED", "price_amount");
        assertRefused(as(creator, "POST", path, PAID.replace("9.99", "500.00")), 400, "VALIDATION_FAILED", "price_amount");
        assertRefused(as(creator, "POST", path, PAID.replace("9.99", "9.999")), 400, "VALIDATION_FAILED", "price_amount");
        assertRefused(as(creator, "POST", path, PAID.replace("9.99", "\"abc\"")), 400, "VALIDATION_FAILED", "price_amount");
        assertRefused(as(creator, "POST", path, FREE.replace("\"free\"", "\"free\",\"price_amount\":1")), 400,
                "VALIDATION_FAILED", "price_amount");
        assertRefused(as(creator, "POST", path, PAID.replace("one_time", "subscription")), 400, "VALIDATION_FAILED",
                "subscription_interval");
        assertRefused(as(creator, "POST", path, PAID.replace("\"one_time\"", "\"subscription\",\"subscription_interval\":\"weekly\"")),
                400, "VALIDATION_FAILED", "subscription_interval");
        assertRefused(as(creator, "POST", path, PAID.replace("USD", "xyz")), 400, "VALIDATION_FAILED", "currency");
        assertThat(jdbc.queryForObject("select count(*) from pack where creator_id = ?", Integer.class, creator)).isZero();
    }

    @Test
    void shouldRefuseForeignContentIdsAndKeepTheItemsAsTheyWere() {
        UUID creator = creator("Honest " + UUID.randomUUID().toString().substring(0, 6));
        UUID mine = libraryItem(creator, "Mine", 60);
        String id = draft(creator, FREE, mine);
        Http.Response r = as(creator, "PUT", "/api/v1/creators/me/packs/" + id + "/items", contentIds(mine, foreignItem()));
        assertRefused(r, 400, "CONTENT_NOT_OWNED", "content_ids[1]");
        assertRefused(as(creator, "PUT", "/api/v1/creators/me/packs/" + id + "/items", contentIds(mine, mine)), 400,
                "VALIDATION_FAILED", "content_ids[1]");
        assertRefused(as(creator, "PUT", "/api/v1/creators/me/packs/" + id + "/items", "{\"content_ids\":[\"nope\"]}"), 400,
                "VALIDATION_FAILED", null);
        assertThat(jdbc.queryForList("select content_id from pack_item where pack_id = ?::uuid", UUID.class, id))
                .containsExactly(mine);
    }

    @Test
    void shouldRefuseToPublishAnEmptyOrUnpricedPackAndLeaveItADraft() {
        EventProbe queue = listen("pack.published");
        UUID creator = creator("Hasty " + UUID.randomUUID().toString().substring(0, 6));
        String empty = draft(creator, FREE);
        assertRefused(as(creator, "POST", "/api/v1/creators/me/packs/" + empty + "/publish", null), 400,
                "PACK_NOT_PUBLISHABLE", "items");
        String unpriced = draft(creator, "{\"title\":\"Later\",\"price_type\":\"one_time\"}", libraryItem(creator, "A", 10));
        assertRefused(as(creator, "POST", "/api/v1/creators/me/packs/" + unpriced + "/publish", null), 400,
                "PACK_NOT_PUBLISHABLE", "price_amount");
        String untitled = draft(creator, "{\"price_type\":\"free\"}", libraryItem(creator, "B", 10));
        assertRefused(as(creator, "POST", "/api/v1/creators/me/packs/" + untitled + "/publish", null), 400,
                "PACK_NOT_PUBLISHABLE", "title");
        assertThat(jdbc.queryForObject("select count(*) from pack where creator_id = ? and status = 'draft'", Integer.class,
                creator)).isEqualTo(3);
        assertThat(queue.all(Duration.ofSeconds(1))).noneMatch(e -> e.path("data").path("creator_id").asString()
                .equals(creator.toString()));
        queue.close();
    }

    @Test
    void shouldRequireAProfileBeforePublishing() {
        UUID creator = UUID.randomUUID();
        String id = draft(creator, FREE, libraryItem(creator, "A", 10));
        assertRefused(as(creator, "POST", "/api/v1/creators/me/packs/" + id + "/publish", null), 409,
                "CREATOR_PROFILE_REQUIRED", null);
    }

    @Test
    void shouldRefuseAPersonWithoutTheCreatorRole() {
        Http.Response r = Http.send("POST", url("/api/v1/creators/me/packs"), FREE, "Authorization",
                bearer(TestTokens.shared().user(UUID.randomUUID())), "Content-Type", "application/json");
        assertRefused(r, 403, "CREATOR_ROLE_REQUIRED", null);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>(node.propertyNames());
        Collections.sort(names);
        return names;
    }
}
