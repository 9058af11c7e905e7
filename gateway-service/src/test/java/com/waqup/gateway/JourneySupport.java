package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.waqup.common.test.Http;
import tools.jackson.databind.JsonNode;

/** What the creation and library journeys share: talking to a confirmed job, waiting for it, reading the audio. */
abstract class JourneySupport extends FlowITSupport {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    Http.Response post(String token, String path, String body) {
        return Http.post(url(path), body, "Content-Type", "application/json", "Authorization", "Bearer " + token);
    }

    Http.Response get(String token, String path) {
        return Http.get(url(path), "Authorization", "Bearer " + token);
    }

    int balance(String token) {
        return get(token, "/api/v1/credits/balance").json().path("balance").asInt();
    }

    /** A new person with {@code extra} credits granted on top of the free-tier one, both visible in their balance. */
    Person fundedPerson(String prefix, int extra) {
        Person person = registerPerson(prefix);
        grant(person.id(), extra);
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(person.token()) == 1 + extra);
        return person;
    }

    /** Talks to the Confirmation card ("you choose" for anything the dialogue still asks) and confirms; the ritual id. */
    String converseAndConfirm(String token, String contentType, String sentence) {
        Http.Response start = post(token, "/api/v1/conversation/start", "{\"content_type\":\"" + contentType + "\"}");
        assertThat(start.status()).as(start.body()).isEqualTo(201);
        String session = start.json().path("session_id").asString();
        JsonNode turn = post(token, "/api/v1/conversation/message", "{\"session_id\":\"" + session + "\",\"message\":\"" + sentence + "\"}").json();
        for (int i = 0; i < 6 && !"Confirmation".equals(turn.path("state").asString()); i++) {
            turn = post(token, "/api/v1/conversation/message", "{\"session_id\":\"" + session + "\",\"message\":\"you choose\"}").json();
        }
        assertThat(turn.path("state").asString()).as(turn.toString()).isEqualTo("Confirmation");
        Http.Response complete = post(token, "/api/v1/conversation/complete", "{\"session_id\":\"" + session + "\",\"confirm\":true}");
        assertThat(complete.status()).as(complete.body()).isEqualTo(200);
        return complete.json().path("ritual_id").asString();
    }

    JsonNode awaitJob(String token, String ritual, String status) {
        return await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(token, "/api/v1/generations/" + ritual).json(), job -> {
                    String now = job.path("status").asString();
                    if (!now.equals(status) && (now.equals("ready") || now.equals("failed"))) {
                        throw new AssertionError("the job ended " + now + " instead of " + status + ": " + job);
                    }
                    return now.equals(status);
                });
    }

    JsonNode awaitLibraryItem(String token, String ritual) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(token, "/api/v1/content/" + ritual), r -> r.status() == 200).json();
    }

    static Path download(String audioUrl, Path to) throws Exception {
        HttpResponse<Path> r = HTTP.send(HttpRequest.newBuilder(URI.create(audioUrl)).GET().build(), HttpResponse.BodyHandlers.ofFile(to));
        assertThat(r.statusCode()).isEqualTo(200);
        return to;
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    static double seconds(Path mp3) throws Exception {
        return Double.parseDouble(run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", mp3.toString()).trim());
    }

    /** Integrated loudness (LUFS) and true peak (dBTP) as ffmpeg's EBU R128 meter reads them. */
    static double[] loudness(Path mp3) throws Exception {
        String out = run("ffmpeg", "-hide_banner", "-nostats", "-i", mp3.toString(), "-filter_complex", "ebur128=peak=true", "-f", "null", "-");
        String summary = out.substring(out.lastIndexOf("Summary:"));
        Matcher integrated = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(summary);
        Matcher peak = Pattern.compile("Peak:\\s+(-?[0-9.]+|-inf) dBFS").matcher(summary);
        assertThat(integrated.find()).as(summary).isTrue();
        assertThat(peak.find()).as(summary).isTrue();
        return new double[] { Double.parseDouble(integrated.group(1)), Double.parseDouble(peak.group(1)) };
    }
}
