package com.waqup.creator.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import com.waqup.creator.CreatorITSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Creator profiles: the creator's own, the public view, the role check and the unique name. */
class ProfileIT extends CreatorITSupport {

    @Test
    void shouldSaveAProfileAndShowItsPublicViewToAnySignedInPerson() {
        UUID creator = UUID.randomUUID();
        assertThat(as(creator, "GET", "/api/v1/creators/me", null).status()).as("no profile yet").isEqualTo(404);
        JsonNode saved = ok(as(creator, "PUT", "/api/v1/creators/me", "{\"display_name\":\"  Mira   Stone \",\"bio\":\"Breath"
                + " teacher\",\"avatar_url\":\"https://img.example.com/mira.png\",\"links\":[{\"label\":\"Site\","
                + "\"url\":\"https://mira.example.com\"}]}"));
        assertThat(saved.path("id").asString()).isEqualTo(creator.toString());
        assertThat(saved.path("display_name").asString()).isEqualTo("Mira Stone");
        assertThat(saved.path("links").get(0).path("url").asString()).isEqualTo("https://mira.example.com");

        Http.Response seen = Http.get(url("/api/v1/creators/" + creator), "Authorization",
                bearer(TestTokens.shared().user(UUID.randomUUID())));
        assertThat(seen.status()).as(seen.body()).isEqualTo(200);
        assertThat(seen.json().path("display_name").asString()).isEqualTo("Mira Stone");
        assertThat(seen.json().path("bio").asString()).isEqualTo("Breath teacher");
        assertThat(seen.json().has("updated_at")).isFalse();
    }

    @Test
    void shouldAnswer404ForAnUnknownCreator() {
        Http.Response r = Http.get(url("/api/v1/creators/" + UUID.randomUUID()), "Authorization",
                bearer(TestTokens.shared().user(UUID.randomUUID())));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("error").path("code").asString()).isEqualTo("CREATOR_NOT_FOUND");
    }

    @Test
    void shouldRefuseAPersonWithoutTheCreatorRoleAndStoreNothing() {
        UUID person = UUID.randomUUID();
        Http.Response r = Http.send("PUT", url("/api/v1/creators/me"), "{\"display_name\":\"Not A Creator\"}",
                "Authorization", bearer(TestTokens.shared().user(person)), "Content-Type", "application/json");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().path("error").path("code").asString()).isEqualTo("CREATOR_ROLE_REQUIRED");
        assertThat(jdbc.queryForObject("select count(*) from creator_profile where id = ?", Integer.class, person)).isZero();
    }

    @Test
    void shouldKeepDisplayNamesUniqueCaseInsensitively() {
        String name = "Unique " + UUID.randomUUID().toString().substring(0, 8);
        creator(name);
        UUID other = UUID.randomUUID();
        Http.Response r = as(other, "PUT", "/api/v1/creators/me", "{\"display_name\":\"" + name.toUpperCase() + "\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().path("error").path("code").asString()).isEqualTo("DISPLAY_NAME_TAKEN");
    }

    @Test
    void shouldRefuseInvalidFieldsNamingEachAndStoreNothing() {
        UUID creator = UUID.randomUUID();
        Http.Response r = as(creator, "PUT", "/api/v1/creators/me", "{\"display_name\":\"x\",\"avatar_url\":\"ftp://a\","
                + "\"links\":[{\"label\":\"\",\"url\":\"javascript:alert(1)\"}]}");
        assertThat(r.status()).isEqualTo(400);
        JsonNode fields = r.json().path("error").path("details").path("fields");
        assertThat(fields.has("display_name")).isTrue();
        assertThat(fields.has("avatar_url")).isTrue();
        assertThat(fields.has("links[0].label")).isTrue();
        assertThat(fields.has("links[0].url")).isTrue();
        assertThat(as(creator, "GET", "/api/v1/creators/me", null).status()).isEqualTo(404);
    }
}
