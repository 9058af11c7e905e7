package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The identity journey through the real gateway and the real user-service.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdentityFlowIT extends FlowITSupport {



    Http.Response post(String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return path.equals("/api/v1/auth/register") ? signUp(() -> Http.post(url(path), body, all)) : Http.post(url(path), body, all);
    }

    @Test
    void shouldRegisterLogInUseRefreshDetectReuseAndLogOutThroughTheGateway(CapturedOutput gatewayOutput) {
        String email = "flow-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "quiet-lantern-" + UUID.randomUUID().toString().substring(0, 6);

        Http.Response registered = post("/api/v1/auth/register", json("email", email, "password", password));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.header("X-Correlation-Id")).isNotBlank();
        String id = registered.json().path("user").path("id").asString();

        Http.Response login = post("/api/v1/auth/login", json("email", email.toUpperCase(), "password", password));
        assertThat(login.status()).isEqualTo(200);
        String token = login.json().path("token").asString();
        String refresh = login.json().path("refresh_token").asString();

        Http.Response me = Http.get(url("/api/v1/users/me"), "Authorization", "Bearer " + token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asString()).isEqualTo(id);
        assertThat(me.json().path("email").asString()).isEqualTo(email);

        Http.Response rotated = post("/api/v1/auth/refresh", json("refresh_token", refresh));
        assertThat(rotated.status()).isEqualTo(200);
        String newToken = rotated.json().path("token").asString();
        String newRefresh = rotated.json().path("refresh_token").asString();
        assertThat(Http.get(url("/api/v1/users/me"), "Authorization", "Bearer " + newToken).status()).isEqualTo(200);

        Http.Response reuse = post("/api/v1/auth/refresh", json("refresh_token", refresh));
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.json().path("error").path("code").asString()).isEqualTo("REFRESH_TOKEN_REUSED");
        assertThat(post("/api/v1/auth/refresh", json("refresh_token", newRefresh)).status())
                .as("the family was revoked").isEqualTo(401);

        Http.Response second = post("/api/v1/auth/login", json("email", email, "password", password));
        String secondToken = second.json().path("token").asString();
        String secondRefresh = second.json().path("refresh_token").asString();
        Http.Response logout = post("/api/v1/auth/logout", json("refresh_token", secondRefresh), "Authorization", "Bearer " + secondToken);
        assertThat(logout.status()).isEqualTo(204);
        assertThat(post("/api/v1/auth/refresh", json("refresh_token", secondRefresh)).status()).isEqualTo(401);
        assertThat(post("/api/v1/auth/logout", json("refresh_token", secondRefresh)).status())
                .as("logout needs a token at the gateway").isEqualTo(401);

        assertThat(USERS.logText()).as("user-service log").doesNotContain(password).contains("refresh token reuse detected");
        assertThat(gatewayOutput.getAll()).as("gateway log").doesNotContain(password);
    }

    @Test
    void shouldRefuseBadTokensMadeFromRealOnes() {
        Http.Response registered = post("/api/v1/auth/register",
                json("email", "bad-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "password", "silver-meadow-4411"));
        String token = registered.json().path("token").asString();
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String elevated = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replace("\"user\"", "\"admin\"").getBytes(StandardCharsets.UTF_8));
        String noneHeader = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        for (String bad : new String[] { parts[0] + "." + elevated + "." + parts[2], noneHeader + "." + parts[1] + ".", token + "x",
                "Bearer", TestTokens.signedByStranger(UUID.randomUUID()) }) {
            Http.Response r = Http.get(url("/api/v1/users/me"), "Authorization", "Bearer " + bad);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(r.json().path("error").path("code").asString()).isEqualTo("INVALID_TOKEN");
        }
        assertThat(Http.get(url("/api/v1/users/me")).status()).isEqualTo(401);
        assertThat(Http.get(url("/api/v1/users/me"), "Authorization", "Bearer " + token).status()).isEqualTo(200);
    }

    @Test
    void shouldNeverShowSomeoneElsesProfile() {
        JsonNode alice = post("/api/v1/auth/register",
                json("email", "alice-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "password", "amber-orchard-7731")).json();
        JsonNode bob = post("/api/v1/auth/register",
                json("email", "bob-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "password", "cobalt-harbour-2290")).json();
        String bobToken = bob.path("token").asString();
        String aliceId = alice.path("user").path("id").asString();
        assertThat(Http.get(url("/api/v1/users/" + aliceId), "Authorization", "Bearer " + bobToken).status()).isEqualTo(404);
        assertThat(Http.get(url("/internal/users/" + aliceId), "Authorization", "Bearer " + bobToken).status()).isEqualTo(404);
        JsonNode me = Http.get(url("/api/v1/users/me"), "Authorization", "Bearer " + bobToken).json();
        assertThat(me.path("id").asString()).isEqualTo(bob.path("user").path("id").asString());
        assertThat(me.toString()).doesNotContain(aliceId);
    }

    @Test
    void shouldValidateAndMergePreferencesThroughTheGateway() {
        String token = post("/api/v1/auth/register",
                json("email", "prefs-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "password", "velvet-compass-5520"))
                .json().path("token").asString();
        Http.Response bad = Http.send("PUT", url("/api/v1/users/me"), "{\"preferences\":{\"pace\":\"warp\"}}",
                "Content-Type", "application/json", "Authorization", "Bearer " + token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("code").asString()).isEqualTo("VALIDATION_FAILED");
        Http.Response ok = Http.send("PUT", url("/api/v1/users/me"), "{\"preferences\":{\"pace\":\"slower\"}}",
                "Content-Type", "application/json", "Authorization", "Bearer " + token);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("preferences").path("pace").asString()).isEqualTo("slower");
        assertThat(ok.json().path("preferences").path("tone").asString()).isEqualTo("warm");
    }

    @Test
    void shouldRateLimitOnePersonWhileAnotherIsUnaffected() {
        String busy = post("/api/v1/auth/register",
                json("email", "busy-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "password", "crimson-valley-8812"))
                .json().path("token").asString();
        String calm = post("/api/v1/auth/register",
                json("email", "calm-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "password", "ivory-current-3307"))
                .json().path("token").asString();
        Http.Response limited = null;
        for (int i = 0; i < 150 && limited == null; i++) {
            Http.Response r = Http.get(url("/api/v1/users/me"), "Authorization", "Bearer " + busy);
            if (r.status() == 429) {
                limited = r;
            }
        }
        assertThat(limited).as("the free tier's burst of 30 at 10/s is exhausted").isNotNull();
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.json().path("error").path("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(Http.get(url("/api/v1/users/me"), "Authorization", "Bearer " + calm).status()).isEqualTo(200);
    }

    /**
     * One anonymous client (127.0.0.2) guessing a person's password until it is throttled must not lock anyone else out:
     * the owner signing in from another client (127.0.0.3) and another person get in with their passwords. user-service
     * sees every request come from the gateway; it throttles by the client address the gateway hands it.
     */
    @Test
    void shouldThrottleOnlyTheGuessingClientNeverAnotherClientOrAccount() {
        Person owner = registerPerson("owner");
        Person other = registerPerson("other");
        Http.From attacker = Http.from("127.0.0.2");
        Http.From elsewhere = Http.from("127.0.0.3");
        Http.Response last = null;
        // until the throttle answers (a short lock can expire between two slow guesses on a loaded machine, so the
        // 25th guess need not be the refused one; that one of them is, is the point)
        for (int i = 0; i < 40 && (last == null || last.status() != 429); i++) {
            last = attacker.post(url("/api/v1/auth/login"), json("email", owner.email(), "password", "guess-number-" + i),
                    "Content-Type", "application/json");
            assertThat(last.status()).as(last.body()).isIn(401, 429);
        }
        assertThat(last.status()).as("the guessing client is slowed down").isEqualTo(429);
        assertThat(last.json().path("error").path("code").asString()).isEqualTo("TOO_MANY_LOGIN_ATTEMPTS");

        Http.Response ownerElsewhere = elsewhere.post(url("/api/v1/auth/login"), json("email", owner.email(), "password", owner.password()),
                "Content-Type", "application/json");
        assertThat(ownerElsewhere.status()).as("the owner from another client: " + ownerElsewhere.body()).isEqualTo(200);
        Http.Response otherAccount = elsewhere.post(url("/api/v1/auth/login"), json("email", other.email(), "password", other.password()),
                "Content-Type", "application/json");
        assertThat(otherAccount.status()).as("another account: " + otherAccount.body()).isEqualTo(200);
        Http.Response fromTheGatewaysOwnAddress = Http.post(url("/api/v1/auth/login"), json("email", other.email(), "password", other.password()),
                "Content-Type", "application/json");
        assertThat(fromTheGatewaysOwnAddress.status()).as("a client on 127.0.0.1, the gateway's own address").isEqualTo(200);
    }
}
