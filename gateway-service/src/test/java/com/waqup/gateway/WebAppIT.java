package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.waqup.common.test.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The web app on the gateway's origin: its files, client routes, caching, CSP, and the audio store behind /media. */
class WebAppIT extends GatewayITSupport {

    static final String INDEX = "<!doctype html><title>waQup</title><script type=\"module\" src=\"/assets/index-3f9a1c.js\"></script>";
    static final String SCRIPT = "console.log('waQup')";

    static Path builtApp() {
        try {
            Path dir = Files.createTempDirectory("waqup-web-");
            Files.createDirectories(dir.resolve("assets"));
            Files.writeString(dir.resolve("index.html"), INDEX);
            Files.writeString(dir.resolve("assets/index-3f9a1c.js"), SCRIPT);
            Files.write(dir.resolve("assets/index-3f9a1c.js.gz"), new byte[] { 0x1f, (byte) 0x8b, 8, 0 });
            Files.writeString(dir.resolve("sw.js"), "self.addEventListener('fetch', () => {})");
            Files.writeString(dir.resolve("manifest.webmanifest"), "{\"name\":\"waQup\"}");
            Files.writeString(dir.resolve(".env"), "SECRET=1");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldServeTheAppAtTheRootWithoutATokenRevalidatedAndUnderAStrictPolicy() {
        Http.Response response = Http.get(url("/"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(INDEX);
        assertThat(response.header("Content-Type")).startsWith("text/html");
        assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
        String csp = response.header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("ETag")).isNotBlank();
        assertThat(response.header("Access-Control-Allow-Origin")).as("one origin: no CORS").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/library", "/library/6b1f0c3e-5a3d-4d7e-9a0c-2f3d4e5f6a7b", "/create", "/profile/" })
    void shouldAnswerClientRoutesWithTheIndex(String path) {
        Http.Response response = Http.get(url(path), "Accept", "text/html");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(INDEX);
        assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void shouldCacheHashedAssetsForAYearAndSendThePrecompressedFileWhenAccepted() {
        Http.Response plain = Http.get(url("/assets/index-3f9a1c.js"));
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(SCRIPT);
        assertThat(plain.header("Content-Type")).startsWith("text/javascript");
        assertThat(plain.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(plain.header("Content-Encoding")).isNull();

        Http.Response gzip = Http.get(url("/assets/index-3f9a1c.js"), "Accept-Encoding", "br;q=0, gzip");
        assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzip.header("Content-Length")).isEqualTo("4");
        assertThat(gzip.header("Vary")).contains("Accept-Encoding");
    }

    @Test
    void shouldAnswerNotModifiedWhileAFileIsUnchanged() {
        String etag = Http.get(url("/sw.js")).header("ETag");
        Http.Response again = Http.get(url("/sw.js"), "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/assets/index-0000.js", "/.env", "/assets/../.env", "/%2e%2e/etc/passwd", "/icon.png" })
    void shouldNeverServeAMissingAssetOrAHiddenFileAsTheApp(String path) {
        Http.Response response = Http.get(url(path));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("SECRET", "<!doctype");
        assertThat(response.json().path("error").path("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void shouldKeepTheApiProtectedAndItsUnknownPathsInTheEnvelope() {
        assertThat(Http.get(url("/api/v1/credits/balance")).status()).as("the API still needs a token").isEqualTo(401);
        Http.Response unknown = Http.get(url("/api/v1/nothing-here"), asUser());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/json");
        assertThat(Http.post(url("/library"), "{}", "Content-Type", "application/json").status())
                .as("the app's paths are read-only").isIn(401, 404, 405);
    }

    @Test
    void shouldPassSignedAudioRequestsToTheStoreUnchangedWithoutTheCallersCredentials() {
        String signed = "/waqup/audio/u1/i1/1.mp3?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=local-identity%2F20261206%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=ab12";
        Http.Response response = Http.get(url("/media" + signed), "Authorization", "Bearer not-for-the-store",
                "Range", "bytes=0-99");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("uri").asString()).as("path and signed query reach the store as signed")
                .isEqualTo(signed);
        Downstreams.Hit hit = DOWNSTREAMS.hitsOn("/waqup/audio/u1/i1/1.mp3").getLast();
        assertThat(hit.authorization()).isNull();
        assertThat(hit.headerNames().stream().map(String::toLowerCase)).contains("range");
        assertThat(Http.post(url("/media" + signed), "x", "Content-Type", "text/plain").status())
                .as("nothing but reads reach the store").isIn(401, 404, 405);
    }
}
