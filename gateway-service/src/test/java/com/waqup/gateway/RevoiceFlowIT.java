package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.waqup.common.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-voicing a practice through the gateway and every real service: the person edits the script of a practice they
 * made, re-voices it with another offline voice, and the new version plays (new audio URL, the old object gone from
 * S3) while their balance does not move; a bad script is a 400 naming the field, someone else's practice a 404.
 */
class RevoiceFlowIT extends JourneySupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    Http.Response send(String method, String token, String path, String body) {
        return Http.send(method, url(path), body, "Content-Type", "application/json", "Authorization", "Bearer " + token);
    }

    /** The item's script as the segments the edit endpoint takes, with a line added to the first one. */
    static String editedScript(JsonNode item, String added) {
        List<Map<String, Object>> segments = new ArrayList<>();
        for (JsonNode section : item.path("structure").path("sections")) {
            for (JsonNode segment : section.path("segments")) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("text", segments.isEmpty() ? segment.path("text").asString() + " " + added : segment.path("text").asString());
                s.put("pause_after", segment.path("pause_after").asDouble());
                segments.add(s);
            }
        }
        assertThat(segments).as("the item's structure").isNotEmpty();
        return JSON.writeValueAsString(Map.of("segments", segments));
    }

    @Test
    void shouldPlayTheEditedScriptInTheNewVoiceDeleteTheOldAudioAndChargeNothing() throws Exception {
        Person person = registerPerson("revoice");
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(person.token()) == 1);
        String ritual = converseAndConfirm(person.token(), "affirmation",
                "1 minute of affirmations for confidence at work, in the morning at home");
        awaitJob(person.token(), ritual, "ready");
        JsonNode before = awaitLibraryItem(person.token(), ritual);
        String oldKey = "audio/" + person.id() + "/" + ritual + "/1.mp3";
        assertThat(objectKeys("audio/" + person.id() + "/" + ritual + "/")).containsExactly(oldKey);
        int balance = balance(person.token());
        String line = "I speak clearly and calmly, and people listen to what I say.";

        Http.Response bad = send("PUT", person.token(), "/api/v1/content/" + ritual + "/script",
                "{\"segments\":[{\"text\":\"I am ready.\",\"pause_after\":30},{\"text\":\"  \",\"pause_after\":30}]}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().path("error").path("details").path("fields").has("segments[1].text")).isTrue();
        Person other = registerPerson("revoice-other");
        assertThat(send("PUT", other.token(), "/api/v1/content/" + ritual + "/script", editedScript(before, line)).status())
                .as("someone else's practice").isEqualTo(404);
        assertThat(send("POST", other.token(), "/api/v1/content/" + ritual + "/revoice", "{}").status()).isEqualTo(404);

        Http.Response edited = send("PUT", person.token(), "/api/v1/content/" + ritual + "/script", editedScript(before, line));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        Http.Response started = send("POST", person.token(), "/api/v1/content/" + ritual + "/revoice",
                "{\"voice_id\":\"en-gb-female\",\"pace\":\"slow\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("version").asInt()).isEqualTo(2);
        assertThat(started.json().path("cost").asInt()).isZero();
        String job = started.json().path("job_id").asString();

        JsonNode done = awaitJob(person.token(), job, "ready");
        assertThat(done.path("ritual_id").asString()).isEqualTo(ritual);
        JsonNode after = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(person.token(), "/api/v1/content/" + ritual).json(), j -> j.path("version").asInt() == 2);
        assertThat(after.path("audio_url").asString()).isNotEqualTo(before.path("audio_url").asString());
        assertThat(URI.create(after.path("audio_url").asString()).getPath()).endsWith("/" + ritual + "/2.mp3");
        assertThat(after.path("voice").path("id").asString()).isEqualTo("en-gb-female");
        assertThat(after.path("content_text").asString()).contains(line);
        await().atMost(Duration.ofSeconds(30)).until(() -> objectKeys("audio/" + person.id() + "/" + ritual + "/"),
                keys -> keys.equals(List.of("audio/" + person.id() + "/" + ritual + "/2.mp3")));
        Path mp3 = download(after.path("audio_url").asString(), Files.createTempFile("revoice-", ".mp3"));
        try {
            assertThat(seconds(mp3)).as("about the practice's minute").isBetween(40.0, 90.0);
        } finally {
            Files.deleteIfExists(mp3);
        }
        assertThat(balance(person.token())).as("an offline re-voice is free").isEqualTo(balance);
    }
}
