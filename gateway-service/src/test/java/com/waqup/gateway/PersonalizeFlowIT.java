package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.waqup.common.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A bought practice becomes the buyer's own, through the gateway and every real service (docs/marketplace.md,
 * "Personalize a bought practice"): a creator marks an item of their free pack personalizable and publishes it; a
 * buyer claims the pack and personalizes that item with their name and pace (a double click with the same
 * {@code Idempotency-Key} is one request); the real pipeline rewrites the creator's script for them, voices it and
 * the new item lands in their library, linked to the pack, playable; the ledger shows the type's price spent exactly
 * once. Someone else cannot personalize the buyer's item (404), and an item not marked personalizable is refused.
 */
class PersonalizeFlowIT extends JourneySupport {

    Http.Response send(String method, String token, String path, String body, String... headers) {
        String[] all = new String[4 + headers.length];
        all[0] = "Content-Type";
        all[1] = "application/json";
        all[2] = "Authorization";
        all[3] = "Bearer " + token;
        System.arraycopy(headers, 0, all, 4, headers.length);
        return Http.send(method, url(path), body, all);
    }

    static int download(String audioUrl) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(audioUrl)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void shouldPersonalizeAClaimedPackItemForTheBuyerChargingItsPriceExactlyOnce() throws Exception {
        Person person = fundedPerson("perso-creator", 2);
        String first = converseAndConfirm(person.token(), "affirmation", "1 minute of affirmations for calm, in the evening at home");
        String second = converseAndConfirm(person.token(), "affirmation", "1 minute of affirmations for focus, in the morning at work");
        awaitJob(person.token(), first, "ready");
        awaitJob(person.token(), second, "ready");
        awaitLibraryItem(person.token(), first);
        awaitLibraryItem(person.token(), second);
        String creator = post(person.token(), "/api/v1/users/me/creator", "").json().path("token").asString();
        assertThat(send("PUT", creator, "/api/v1/creators/me",
                "{\"display_name\":\"Perso Creator " + person.id().substring(0, 6) + "\"}").status()).isEqualTo(200);
        String pack = post(creator, "/api/v1/creators/me/packs",
                "{\"title\":\"Calm Words\",\"price_type\":\"free\",\"tags\":[\"calm\"]}").json().path("id").asString();
        JsonNode draft = send("PUT", creator, "/api/v1/creators/me/packs/" + pack + "/items",
                "{\"content_ids\":[\"" + first + "\",\"" + second + "\"]}").json();
        String personalizable = draft.path("items").get(0).path("item_id").asString();
        Http.Response marked = send("PUT", creator, "/api/v1/creators/me/packs/" + pack + "/items/" + personalizable,
                "{\"personalizable\":true}");
        assertThat(marked.status()).as(marked.body()).isEqualTo(200);
        assertThat(marked.json().path("items").get(0).path("personalizable").asBoolean()).isTrue();
        JsonNode published = post(creator, "/api/v1/creators/me/packs/" + pack + "/publish", "").json();
        String personalizableTitle = published.path("items").get(0).path("title").asString();
        assertThat(published.path("items").get(1).path("title").asString()).as(published.toString())
                .isNotEqualTo(personalizableTitle);

        Person buyer = fundedPerson("perso-buyer", 1);
        Http.Response claim = await().atMost(Duration.ofSeconds(20)).until(() -> post(buyer.token(),
                "/api/v1/payments/checkout", "{\"pack_id\":\"" + pack + "\",\"price_type\":\"free\"}"), r -> r.status() != 404);
        assertThat(claim.status()).as(claim.body()).isEqualTo(200);
        JsonNode library = await().atMost(Duration.ofSeconds(20)).until(() -> get(buyer.token(),
                "/api/v1/content?pack_id=" + pack).json(), page -> page.path("content_items").size() == 2);
        String bought = null;
        String locked = null;
        for (JsonNode item : library.path("content_items")) {
            if (item.path("title").asString().equals(personalizableTitle)) {
                bought = item.path("id").asString();
            } else {
                locked = item.path("id").asString();
            }
        }
        assertThat(bought).as(library.toString()).isNotNull();
        assertThat(locked).as(library.toString()).isNotNull();
        int before = balance(buyer.token());
        assertThat(before).isEqualTo(2);

        Http.Response refused = send("POST", buyer.token(), "/api/v1/content/" + locked + "/personalize", "{}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("CONTENT_NOT_PERSONALIZABLE");
        Person stranger = registerPerson("perso-stranger");
        assertThat(send("POST", stranger.token(), "/api/v1/content/" + bought + "/personalize", "{}").status())
                .as("someone else's item").isEqualTo(404);

        String body = "{\"name\":\"Ana\",\"pace\":\"slow\"}";
        Http.Response started = send("POST", buyer.token(), "/api/v1/content/" + bought + "/personalize", body,
                "Idempotency-Key", "perso-" + buyer.id());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        Http.Response doubleClick = send("POST", buyer.token(), "/api/v1/content/" + bought + "/personalize", body,
                "Idempotency-Key", "perso-" + buyer.id());
        assertThat(doubleClick.status()).as(doubleClick.body()).isEqualTo(202);
        String created = started.json().path("content_item_id").asString();
        assertThat(doubleClick.json().path("content_item_id").asString()).isEqualTo(created);
        assertThat(started.json().path("cost").asInt()).as("an affirmation's price").isEqualTo(1);
        assertThat(started.json().path("status").asString()).isEqualTo("generating");

        awaitJob(buyer.token(), started.json().path("job_id").asString(), "ready");
        JsonNode item = awaitLibraryItem(buyer.token(), created);
        assertThat(item.path("source").asString()).as("the buyer's own").isEqualTo("own");
        assertThat(item.path("source_pack_id").asString()).isEqualTo(pack);
        assertThat(item.path("personalized_from").asString()).isEqualTo(bought);
        assertThat(item.path("title").asString()).endsWith("for Ana");
        assertThat(item.path("content_text").asString()).startsWith("Ana, this practice is yours.");
        assertThat(item.path("content_text").asString()).contains("Well done, Ana.");
        assertThat(download(item.path("audio_url").asString())).as("playable").isEqualTo(200);
        assertThat(get(buyer.token(), "/api/v1/content?limit=50").json().path("content_items").findValuesAsString("id"))
                .contains(created);
        assertThat(get(stranger.token(), "/api/v1/content/" + created).status()).isEqualTo(404);

        assertThat(balance(buyer.token())).as("charged exactly once").isEqualTo(before - 1);
        JsonNode consumption = get(buyer.token(), "/api/v1/credits/transactions?transaction_type=consumption").json()
                .path("transactions");
        assertThat(consumption).hasSize(1);
        assertThat(consumption.get(0).path("ritual_id").asString()).isEqualTo(created);
        assertThat(consumption.get(0).path("amount").asInt()).isIn(1, -1);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(buyer.token(),
                "/api/v1/credits/transactions?transaction_type=consumption").json().path("transactions").get(0)
                .path("status").asString().equals("completed"));
    }
}
