package com.waqup.audio.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.waqup.audio.AudioITSupport;
import com.waqup.common.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class VoicesIT extends AudioITSupport {

    @Test
    void shouldListTheOfflineVoicesWithTheDefaultFirstForASignedInPerson() {
        Http.Response response = Http.get(url("/api/v1/voices"), "Authorization", bearer(userToken()));
        assertThat(response.status()).isEqualTo(200);
        JsonNode voices = response.json().path("voices");
        assertThat(voices.size()).isGreaterThanOrEqualTo(4);
        JsonNode first = voices.path(0);
        assertThat(first.path("id").asString()).isEqualTo("en-us-female");
        assertThat(first.path("provider").asString()).isEqualTo("espeak");
        assertThat(first.path("language").asString()).isEqualTo("en-US");
        assertThat(first.path("gender").asString()).isEqualTo("female");
        assertThat(first.path("is_default").asBoolean()).isTrue();
        assertThat(response.json().path("default_voice_id").asString()).isEqualTo("en-us-female");
        assertThat(voices.findValuesAsString("id")).contains("en-us-male", "en-gb-female", "en-gb-male");
        assertThat(response.body()).doesNotContain("engine_voice", "en-us+f3");
    }

    @Test
    void shouldRefuseTheVoicesWithoutAToken() {
        Http.Response response = Http.get(url("/api/v1/voices"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("error").path("code").asString()).isEqualTo("UNAUTHORIZED");
    }
}
