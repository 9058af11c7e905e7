package com.waqup.creator.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import com.waqup.creator.CreatorITSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A creator's export and erasure: packs archived under a neutral label, drafts and profile gone, confirmed once. */
class CreatorPrivacyIT extends CreatorITSupport {

    @Test
    void shouldExportTheProfileAndPacksToAServiceOnly() {
        UUID creator = creator("Exporter " + UUID.randomUUID().toString().substring(0, 6));
        draft(creator, "{\"title\":\"Mine\",\"price_type\":\"free\"}");
        String service = bearer(TestTokens.shared().service("user-service", "creator-service"));
        assertThat(Http.get(url("/internal/users/" + creator + "/export"), "Authorization", creatorToken(creator)).status())
                .isEqualTo(403);
        Http.Response r = Http.get(url("/internal/users/" + creator + "/export"), "Authorization", service);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("Exporter ").contains("\"Mine\"");
    }

    @Test
    void shouldArchivePublishedPacksUnderANeutralLabelDeleteDraftsAndProfileAndConfirm() {
        EventProbe packs = listen("pack.*");
        EventProbe confirmations = listen("user.deleted.creator");
        UUID creator = creator("Leaving " + UUID.randomUUID().toString().substring(0, 6));
        String published = draft(creator, "{\"title\":\"Keep\",\"price_type\":\"free\"}", libraryItem(creator, "Calm", 60));
        ok(as(creator, "POST", "/api/v1/creators/me/packs/" + published + "/publish", null));
        String drafted = draft(creator, "{\"title\":\"Unseen\",\"price_type\":\"free\"}");

        publish("user.deletion_requested", Map.of("user_id", creator.toString(), "requested_at", Instant.now().toString()));

        confirmations.await(e -> e.path("data").path("user_id").asString().equals(creator.toString()), Duration.ofSeconds(20));
        packs.await(e -> e.path("type").asString().equals("pack.archived")
                && e.path("data").path("pack_id").asString().equals(published), Duration.ofSeconds(20));
        JsonNode relabelled = packs.await(e -> e.path("type").asString().equals("pack.updated")
                && e.path("data").path("revision").asInt() == 2
                && e.path("data").path("pack_id").asString().equals(published), Duration.ofSeconds(20));
        assertThat(relabelled.path("data").path("creator_name").asString()).isEqualTo("Former creator");
        assertThat(relabelled.path("data").path("items")).hasSize(1);

        assertThat(jdbc.queryForObject("select status from pack where id = ?::uuid", String.class, published)).isEqualTo("archived");
        assertThat(jdbc.queryForObject("select count(*) from pack where id = ?::uuid", Integer.class, drafted)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from creator_profile where id = ?", Integer.class, creator)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from pack_revision where payload::text like ?", Integer.class,
                "%Leaving %")).as("the name is gone from every stored revision").isZero();
        Http.Response profile = Http.get(url("/api/v1/creators/" + creator), "Authorization",
                bearer(TestTokens.shared().user(UUID.randomUUID())));
        assertThat(profile.status()).isEqualTo(404);
        packs.close();
        confirmations.close();
    }
}
