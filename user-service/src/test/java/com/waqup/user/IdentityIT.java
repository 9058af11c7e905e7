package com.waqup.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.waqup.common.security.ServiceCredentials;
import com.waqup.common.security.ServiceGrants;
import com.waqup.common.events.Events;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.TestTokens;
import com.waqup.user.keys.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Accounts, tokens and sessions against the real user-service, PostgreSQL, Redis and RabbitMQ. */
@ExtendWith(OutputCaptureExtension.class)
class IdentityIT extends ServiceITSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    AmqpAdmin amqp;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    StringRedisTemplate redis;

    public record Registered(String id, String email, String token, String refreshToken, String password) {
    }

    static String newEmail() {
        return "Person." + UUID.randomUUID().toString().substring(0, 8) + "@Example.COM ";
    }

    Registered register() {
        String email = newEmail();
        String password = "calm-river-" + UUID.randomUUID().toString().substring(0, 6);
        Http.Response r = Http.post(url("/api/v1/auth/register"),
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode body = r.json();
        return new Registered(body.path("user").path("id").asString(), body.path("user").path("email").asString(),
                body.path("token").asString(), body.path("refresh_token").asString(), password);
    }

    static JsonNode claims(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static JsonNode header(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    /** Each test signs in from its own client address (as the gateway reports it), like separate people do. */
    final String clientIp = "10.1." + ThreadLocalRandom.current().nextInt(256) + "."
            + (1 + ThreadLocalRandom.current().nextInt(254));

    Http.Response login(String email, String password) {
        return loginFrom(clientIp, email, password);
    }

    Http.Response loginFrom(String ip, String email, String password) {
        return Http.post(url("/api/v1/auth/login"), "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                "Content-Type", "application/json", "X-Forwarded-For", "203.0.113.9, " + ip);
    }

    Http.Response refresh(String refreshToken) {
        return Http.post(url("/api/v1/auth/refresh"), "{\"refresh_token\":\"" + refreshToken + "\"}",
                "Content-Type", "application/json");
    }

    // ---- registration ------------------------------------------------------------------------------------

    @Test
    void shouldRegisterWithTheSeedsBodyANormalizedEmailAndAnRs256AccessToken() {
        Registered user = register();
        assertThat(user.email()).isEqualTo(user.email().trim().toLowerCase()).startsWith("person.").endsWith("@example.com");
        assertThat(UUID.fromString(user.id())).isNotNull();
        assertThat(user.refreshToken()).hasSizeGreaterThanOrEqualTo(40).doesNotContain(".");

        JsonNode header = header(user.token());
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        String kid = header.path("kid").asString();
        JsonNode claims = claims(user.token());
        assertThat(claims.path("sub").asString()).isEqualTo(user.id());
        assertThat(claims.path("iss").asString()).isEqualTo("waqup");
        assertThat(claims.path("aud").toString()).contains("waqup-api");
        assertThat(claims.path("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(claims.path("tier").asString()).isEqualTo("free");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);

        JsonNode jwks = Http.get(url("/.well-known/jwks.json")).json();
        assertThat(jwks.path("keys").toString()).contains(kid).doesNotContain("\"d\"", "\"p\"", "\"q\"");
    }

    @Test
    void shouldRefuseAnEmailThatIsAlreadyRegisteredWhateverItsCase() {
        Registered user = register();
        Http.Response again = Http.post(url("/api/v1/auth/register"),
                "{\"email\":\"  " + user.email().toUpperCase() + "\",\"password\":\"another-long-pass-1\"}", "Content-Type", "application/json");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").path("code").asString()).isEqualTo("EMAIL_TAKEN");
    }

    @Test
    void shouldRefuseWeakPasswordsAndBadEmails() {
        String email = newEmail().trim();
        Http.Response shortOne = Http.post(url("/api/v1/auth/register"), "{\"email\":\"" + email + "\",\"password\":\"short1\"}",
                "Content-Type", "application/json");
        assertThat(shortOne.status()).isEqualTo(400);
        assertThat(shortOne.json().path("error").path("details").path("fields").has("password")).isTrue();
        assertThat(shortOne.body()).doesNotContain("short1");

        Http.Response common = Http.post(url("/api/v1/auth/register"), "{\"email\":\"" + email + "\",\"password\":\"Password123!\"}",
                "Content-Type", "application/json");
        assertThat(common.status()).isEqualTo(400);
        assertThat(common.json().path("error").path("code").asString()).isEqualTo("WEAK_PASSWORD");

        String name = email.substring(0, email.indexOf('@')).toLowerCase();
        Http.Response ownName = Http.post(url("/api/v1/auth/register"), "{\"email\":\"" + email + "\",\"password\":\"" + name + "-2024\"}",
                "Content-Type", "application/json");
        assertThat(ownName.status()).isEqualTo(400);
        assertThat(ownName.json().path("error").path("code").asString()).isEqualTo("WEAK_PASSWORD");

        Http.Response badEmail = Http.post(url("/api/v1/auth/register"), "{\"email\":\"not-an-email\",\"password\":\"a-fine-long-passphrase\"}",
                "Content-Type", "application/json");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().path("error").path("details").path("fields").has("email")).isTrue();
    }

    @Test
    void shouldPublishUserRegisteredThroughTheOutboxWithoutPersonalData() {
        Queue queue = new AnonymousQueue();
        amqp.declareQueue(queue);
        amqp.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(Events.EXCHANGE)).with("user.registered"));
        Registered user = register();
        JsonNode event = await().atMost(Duration.ofSeconds(15)).until(() -> {
            Message m;
            while ((m = rabbit.receive(queue.getName())) != null) {
                JsonNode e = JSON.readTree(new String(m.getBody(), StandardCharsets.UTF_8));
                if (e.path("data").path("user_id").asString().equals(user.id())) {
                    return e;
                }
            }
            return null;
        }, e -> e != null);
        assertThat(event.path("type").asString()).isEqualTo("user.registered");
        assertThat(UUID.fromString(event.path("event_id").asString())).isNotNull();
        assertThat(event.path("occurred_at").asString()).endsWith("Z");
        assertThat(event.path("correlation_id").asString()).isNotBlank();
        assertThat(event.path("data").path("registered_at").asString()).isNotBlank();
        assertThat(event.toString()).doesNotContain(user.email(), user.password(), "password");
        amqp.deleteQueue(queue.getName());
    }

    // ---- login -----------------------------------------------------------------------------------------

    @Test
    void shouldLogInWithTheSeedsBodyWhateverTheEmailsCase() {
        Registered user = register();
        Http.Response r = login(" " + user.email().toUpperCase(), user.password());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("user").path("id").asString()).isEqualTo(user.id());
        assertThat(r.json().path("token").asString()).isNotBlank();
        assertThat(r.json().path("refresh_token").asString()).isNotEqualTo(user.refreshToken());
    }

    @Test
    void shouldAnswerAWrongPasswordAndAnUnknownEmailTheSameWay() {
        Registered user = register();
        Http.Response wrongPassword = login(user.email(), "not-the-password-1");
        Http.Response unknownEmail = login("nobody-" + UUID.randomUUID() + "@example.com", "not-the-password-1");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        JsonNode a = wrongPassword.json().path("error");
        JsonNode b = unknownEmail.json().path("error");
        assertThat(a.path("code").asString()).isEqualTo("INVALID_CREDENTIALS").isEqualTo(b.path("code").asString());
        assertThat(a.path("message").asString()).isEqualTo(b.path("message").asString());
        assertThat(a.path("details")).isEqualTo(b.path("details"));
    }

    @Test
    void shouldSlowDownRepeatedFailuresButNeverLockTheOwnerOutForGood() {
        Registered user = register();
        for (int i = 0; i < 5; i++) {
            assertThat(login(user.email(), "wrong-password-" + i).status()).isEqualTo(401);
        }
        Http.Response throttled = login(user.email(), user.password());
        assertThat(throttled.status()).as("even the right password waits during the delay").isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 300L);
        assertThat(throttled.json().path("error").path("code").asString()).isEqualTo("TOO_MANY_LOGIN_ATTEMPTS");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> login(user.email(), user.password()).status() == 200);
        assertThat(login(user.email(), "wrong-again-1").status()).as("a success resets the count").isEqualTo(401);
    }

    @Test
    void shouldSlowDownOneAddressTryingManyAccounts() {
        Registered user = register();
        for (int i = 0; i < 20; i++) {
            assertThat(login("nobody-" + i + "-" + UUID.randomUUID() + "@example.com", "guessing-password-" + i).status()).isEqualTo(401);
        }
        Http.Response throttled = login(user.email(), user.password());
        assertThat(throttled.status()).as("the address is slowed down").isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        assertThat(loginFrom("10.9.9." + (1 + ThreadLocalRandom.current().nextInt(254)), user.email(), user.password())
                .status()).as("the owner from another address is not").isEqualTo(200);
    }

    @Test
    void shouldSlowDownOnlyTheClientThatFailedNeverTheOwnerElsewhere() {
        Registered user = register();
        String attacker = "10.7." + ThreadLocalRandom.current().nextInt(256) + ".9";
        String owner = "10.8." + ThreadLocalRandom.current().nextInt(256) + ".9";
        for (int i = 0; i < 25; i++) {
            int status = loginFrom(attacker, user.email(), "wrong-password-" + i).status();
            assertThat(status).isIn(401, 429);
        }
        assertThat(loginFrom(attacker, user.email(), user.password()).status()).as("the failing client waits").isEqualTo(429);
        assertThat(loginFrom(owner, user.email(), user.password()).status()).as("the owner from another client does not")
                .isEqualTo(200);
        Registered other = register();
        assertThat(loginFrom(owner, other.email(), other.password()).status()).as("nor does anyone else").isEqualTo(200);
    }

    @Test
    void shouldBelieveXForwardedForOnlyFromTheGateway() {
        Registered user = register();
        Http.From direct = Http.from("127.0.0.2"); // not a trusted proxy: it may claim any X-Forwarded-For
        for (int i = 0; i < 5; i++) {
            Http.Response r = direct.post(url("/api/v1/auth/login"), "{\"email\":\"" + user.email() + "\",\"password\":\"wrong-" + i + "-pass\"}",
                    "Content-Type", "application/json", "X-Forwarded-For", "198.51.100." + (i + 1));
            assertThat(r.status()).isEqualTo(401);
        }
        Http.Response sixth = direct.post(url("/api/v1/auth/login"), "{\"email\":\"" + user.email() + "\",\"password\":\"" + user.password() + "\"}",
                "Content-Type", "application/json", "X-Forwarded-For", "198.51.100.99");
        assertThat(sixth.status()).as("every attempt counted against its real address, whatever it claimed").isEqualTo(429);
    }

    @Test
    void shouldAnswer401ForTokensSignedByKeysNobodyKnowsHoweverManyArrive() throws Exception {
        for (int i = 0; i < 5; i++) {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("unknown-" + UUID.randomUUID()).generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(stranger.getKeyID()).build(), new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString())
                    .issuer("waqup").audience("waqup-api").issueTime(new Date())
                    .expirationTime(new Date(System.currentTimeMillis() + 600_000)).claim("roles", List.of("user")).build());
            jwt.sign(new RSASSASigner(stranger));
            Http.Response r = Http.get(url("/api/v1/users/me"), "Authorization", bearer(jwt.serialize()));
            assertThat(r.status()).as("unknown kid #%d", i + 1).isEqualTo(401);
            assertThat(r.json().path("error").path("code").asString()).isEqualTo("INVALID_TOKEN");
        }
    }

    @Test
    void shouldRefuseAPasswordWithALoneSurrogateAsA400NamingIt() {
        Http.Response register = Http.post(url("/api/v1/auth/register"),
                "{\"email\":\"" + newEmail().trim() + "\",\"password\":\"quiet-lantern-\\ud800-harbour\"}", "Content-Type", "application/json");
        assertThat(register.status()).as(register.body()).isEqualTo(400);
        assertThat(register.json().path("error").path("details").path("fields").path("password").asString()).contains("surrogate");

        Registered user = register();
        Http.Response delete = Http.send("DELETE", url("/api/v1/users/me"), "{\"password\":\"x\\udfff\"}",
                "Content-Type", "application/json", "Authorization", bearer(user.token()));
        assertThat(delete.status()).as(delete.body()).isEqualTo(400);
        assertThat(delete.json().path("error").path("details").path("fields").path("password").asString()).contains("surrogate");
        assertThat(Http.get(url("/api/v1/users/me"), "Authorization", bearer(user.token())).status()).as("nothing deleted").isEqualTo(200);
    }

    // ---- refresh tokens --------------------------------------------------------------------------------

    @Test
    void shouldRotateTheRefreshTokenAndRevokeTheFamilyWhenAnOldOneIsReused(CapturedOutput output) {
        Registered user = register();
        Http.Response first = refresh(user.refreshToken());
        assertThat(first.status()).isEqualTo(200);
        String next = first.json().path("refresh_token").asString();
        assertThat(first.json().path("token").asString()).isNotBlank();
        assertThat(next).isNotEqualTo(user.refreshToken());

        Http.Response reuse = refresh(user.refreshToken());
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.json().path("error").path("code").asString()).isEqualTo("REFRESH_TOKEN_REUSED");
        Http.Response familyGone = refresh(next);
        assertThat(familyGone.status()).as("the whole family is revoked").isEqualTo(401);
        assertThat(output.getOut()).contains("refresh token reuse detected", user.id());

        Http.Response otherSession = login(user.email(), user.password());
        assertThat(refresh(otherSession.json().path("refresh_token").asString()).status())
                .as("a separate login is a separate family").isEqualTo(200);
    }

    @Test
    void shouldRefuseUnknownRefreshTokens() {
        Http.Response r = refresh("made-up-token-" + UUID.randomUUID());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("error").path("code").asString()).isEqualTo("INVALID_REFRESH_TOKEN");
    }

    @Test
    void shouldRevokeTheSessionOnLogout() {
        Registered user = register();
        Http.Response out = Http.post(url("/api/v1/auth/logout"), "{\"refresh_token\":\"" + user.refreshToken() + "\"}",
                "Content-Type", "application/json", "Authorization", bearer(user.token()));
        assertThat(out.status()).isEqualTo(204);
        assertThat(refresh(user.refreshToken()).status()).isEqualTo(401);

        Http.Response anonymous = Http.post(url("/api/v1/auth/logout"), "{\"refresh_token\":\"x\"}", "Content-Type", "application/json");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void shouldNotLetSomeoneElseLogMeOut() {
        Registered me = register();
        Registered other = register();
        Http.Response out = Http.post(url("/api/v1/auth/logout"), "{\"refresh_token\":\"" + me.refreshToken() + "\"}",
                "Content-Type", "application/json", "Authorization", bearer(other.token()));
        assertThat(out.status()).isEqualTo(204);
        assertThat(refresh(me.refreshToken()).status()).as("my session is untouched").isEqualTo(200);
    }

    // ---- passwords stay secret -------------------------------------------------------------------------

    @Test
    void shouldNeverWriteThePasswordToAResponseOrALogLine(CapturedOutput output) {
        Registered user = register();
        Http.Response in = login(user.email(), user.password());
        Http.Response wrong = login(user.email(), user.password() + "x");
        Http.Response me = Http.get(url("/api/v1/users/me"), "Authorization", bearer(in.json().path("token").asString()));
        for (Http.Response r : new Http.Response[] { in, wrong, me }) {
            assertThat(r.body()).doesNotContain(user.password()).doesNotContain("password_hash").doesNotContain("$argon2");
        }
        assertThat(output.getAll()).doesNotContain(user.password()).doesNotContain("$argon2");
    }

    // ---- profile ----------------------------------------------------------------------------------------

    @Test
    void shouldShowMyProfileWithDefaultPreferencesAndCacheIt() {
        Registered user = register();
        Http.Response r = Http.get(url("/api/v1/users/me"), "Authorization", bearer(user.token()));
        assertThat(r.status()).isEqualTo(200);
        JsonNode me = r.json();
        assertThat(me.path("id").asString()).isEqualTo(user.id());
        assertThat(me.path("email").asString()).isEqualTo(user.email());
        assertThat(me.path("preferences").has("pace")).as("shown, as null").isTrue();
        assertThat(me.path("preferences").path("pace").isNull()).as("never chosen: each practice gets its kind's pace").isTrue();
        assertThat(me.path("preferences").path("tone").asString()).isEqualTo("warm");
        assertThat(me.path("preferences").has("voice_id")).isTrue();
        assertThat(me.path("created_at").asString()).endsWith("Z");
        String key = "user:" + user.id() + ":profile";
        assertThat(redis.hasKey(key)).isTrue();
        assertThat(redis.getExpire(key)).isBetween(1L, 900L);
    }

    @Test
    void shouldMergePreferencesAndEvictTheCache() {
        Registered user = register();
        Http.get(url("/api/v1/users/me"), "Authorization", bearer(user.token()));
        Http.Response put = Http.send("PUT", url("/api/v1/users/me"), "{\"preferences\":{\"voice_id\":\"en-us-calm\",\"pace\":\"slower\"}}",
                "Content-Type", "application/json", "Authorization", bearer(user.token()));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("id").asString()).isEqualTo(user.id());
        assertThat(put.json().path("preferences").path("pace").asString()).isEqualTo("slower");
        assertThat(put.json().path("preferences").path("tone").asString()).as("merged, not replaced").isEqualTo("warm");
        assertThat(put.json().path("preferences").path("voice_id").asString()).isEqualTo("en-us-calm");

        Http.Response again = Http.send("PUT", url("/api/v1/users/me"), "{\"preferences\":{\"tone\":\"calm\",\"time_zone\":\"Europe/Paris\"}}",
                "Content-Type", "application/json", "Authorization", bearer(user.token()));
        assertThat(again.json().path("preferences").path("pace").asString()).isEqualTo("slower");
        JsonNode me = Http.get(url("/api/v1/users/me"), "Authorization", bearer(user.token())).json();
        assertThat(me.path("preferences").path("tone").asString()).as("no stale cache").isEqualTo("calm");
        assertThat(me.path("preferences").path("time_zone").asString()).isEqualTo("Europe/Paris");
    }

    @Test
    void shouldRejectUnknownPreferenceValuesAndReadOnlyFieldsWithoutApplyingAnything() {
        Registered user = register();
        Http.Response badPace = Http.send("PUT", url("/api/v1/users/me"), "{\"preferences\":{\"pace\":\"ludicrous\",\"tone\":\"calm\"}}",
                "Content-Type", "application/json", "Authorization", bearer(user.token()));
        assertThat(badPace.status()).isEqualTo(400);
        assertThat(badPace.json().path("error").path("details").path("fields").path("preferences.pace").asString()).contains("moderate");

        Http.Response readOnly = Http.send("PUT", url("/api/v1/users/me"),
                "{\"email\":\"mine@evil.com\",\"roles\":[\"admin\"],\"tier\":\"paid\",\"preferences\":{\"tone\":\"calm\"}}",
                "Content-Type", "application/json", "Authorization", bearer(user.token()));
        assertThat(readOnly.status()).isEqualTo(400);
        JsonNode fields = readOnly.json().path("error").path("details").path("fields");
        assertThat(fields.path("email").asString()).isEqualTo("cannot be changed");
        assertThat(fields.path("roles").asString()).isEqualTo("cannot be changed");

        Http.Response unknown = Http.send("PUT", url("/api/v1/users/me"), "{\"preferences\":{\"colour\":\"blue\"}}",
                "Content-Type", "application/json", "Authorization", bearer(user.token()));
        assertThat(unknown.status()).isEqualTo(400);
        Http.Response zone = Http.send("PUT", url("/api/v1/users/me"), "{\"preferences\":{\"time_zone\":\"Mars/Olympus\"}}",
                "Content-Type", "application/json", "Authorization", bearer(user.token()));
        assertThat(zone.status()).isEqualTo(400);

        JsonNode me = Http.get(url("/api/v1/users/me"), "Authorization", bearer(user.token())).json();
        assertThat(me.path("email").asString()).isEqualTo(user.email());
        assertThat(me.path("tier").asString()).isEqualTo("free");
        assertThat(me.path("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(me.path("preferences").path("tone").asString()).as("nothing applied").isEqualTo("warm");
    }

    @Test
    void shouldNeedMyOwnValidTokenForMyProfile() {
        assertThat(Http.get(url("/api/v1/users/me")).status()).isEqualTo(401);
        Http.Response stranger = Http.get(url("/api/v1/users/me"), "Authorization", bearer(TestTokens.shared().user(UUID.randomUUID())));
        assertThat(stranger.status()).as("a valid token for an account that does not exist here").isEqualTo(404);
        Registered user = register();
        Http.Response other = Http.get(url("/api/v1/users/" + user.id()), "Authorization", bearer(register().token()));
        assertThat(other.status()).as("there is no way to read another person's profile").isEqualTo(404);
    }

    // ---- roles -----------------------------------------------------------------------------------------

    @Test
    void shouldMakeMeACreatorIdempotentlyWithAFreshToken() {
        Registered user = register();
        Http.Response first = Http.post(url("/api/v1/users/me/creator"), "", "Authorization", bearer(user.token()));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("roles").toString()).contains("creator", "user");
        assertThat(claims(first.json().path("token").asString()).path("roles").toString()).contains("creator");
        Http.Response second = Http.post(url("/api/v1/users/me/creator"), "", "Authorization", bearer(user.token()));
        assertThat(second.json().path("roles")).hasSize(2);
        assertThat(claims(refresh(user.refreshToken()).json().path("token").asString()).path("roles").toString())
                .as("later refreshes carry the role").contains("creator");
    }

    // ---- keys and service credentials ---------------------------------------------------------------------

    @Autowired
    SigningKeys keys;

    @Test
    void shouldRotateKeysWithoutLoggingAnyoneOut() {
        // start from the keys in the database: another test context (TracingIT's) cleans the schema when it starts, and
        // this context may still hold the key it loaded before that for up to 30 s (SigningKeys' snapshot)
        keys.rotate();
        Registered user = register();
        String oldKid = header(user.token()).path("kid").asString();
        String newKid = keys.rotate();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(Http.get(url("/api/v1/users/me"), "Authorization", bearer(user.token())).status())
                .as("a token signed with the retired key still works").isEqualTo(200);
        String fresh = login(user.email(), user.password()).json().path("token").asString();
        assertThat(header(fresh).path("kid").asString()).isEqualTo(newKid);
        assertThat(Http.get(url("/.well-known/jwks.json")).json().path("keys").toString()).contains(oldKid, newKid);
    }

    private static String basic(String service, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((service + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String ownSecret(String service) {
        return ServiceCredentials.secret(ServiceCredentials.LOCAL_DEV_MASTER_KEY, service);
    }

    @Test
    void shouldIssueAServiceTokenForOneAudienceWithOnlyTheCallersScopes() {
        Registered user = register();
        Http.Response issued = Http.post(url("/service-auth/token?audience=user-service"), "",
                "Authorization", basic("conversation-service", ownSecret("conversation-service")));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        String serviceToken = issued.json().path("access_token").asString();
        assertThat(issued.json().path("expires_in").asLong()).isEqualTo(300);
        assertThat(issued.json().path("scope").asString()).isEqualTo(ServiceGrants.USERS_READ);
        JsonNode claims = claims(serviceToken);
        assertThat(claims.path("aud").toString()).contains("waqup-internal:user-service");
        assertThat(claims.path("sub").asString()).isEqualTo("service:conversation-service");
        assertThat(claims.path("scope").asString()).isEqualTo(ServiceGrants.USERS_READ);

        Http.Response internal = Http.get(url("/internal/users/" + user.id()), "Authorization", bearer(serviceToken));
        assertThat(internal.status()).isEqualTo(200);
        assertThat(internal.json().path("email").asString()).isEqualTo(user.email());
        assertThat(Http.get(url("/internal/users/" + user.id()), "Authorization", bearer(user.token())).status())
                .as("never with a user token").isEqualTo(403);
        assertThat(Http.get(url("/api/v1/users/me"), "Authorization", bearer(serviceToken)).status())
                .as("a service is not a person").isEqualTo(403);

        Http.Response forCredit = Http.post(url("/service-auth/token?audience=credit-service"), "",
                "Authorization", basic("conversation-service", ownSecret("conversation-service")));
        assertThat(forCredit.status()).isEqualTo(200);
        assertThat(Http.get(url("/internal/users/" + user.id()), "Authorization",
                bearer(forCredit.json().path("access_token").asString())).status())
                .as("a token for credit-service opens nothing here").isEqualTo(401);
    }

    @Test
    void shouldRefuseServiceTokensToWrongSecretsOtherServicesSecretsAndUngrantedAudiences() {
        Http.Response wrong = Http.post(url("/service-auth/token?audience=user-service"), "",
                "Authorization", basic("conversation-service", "guess"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").path("code").asString()).isEqualTo("INVALID_CLIENT");
        assertThat(Http.post(url("/service-auth/token?audience=credit-service"), "",
                "Authorization", basic("content-generation-service", ownSecret("conversation-service"))).status())
                .as("one service's secret never lets its holder act as another").isEqualTo(401);
        assertThat(Http.post(url("/service-auth/token?audience=credit-service"), "",
                "Authorization", basic("content-generation-service", "local-dev-service-secret")).status())
                .as("the public local placeholder is not a secret").isEqualTo(401);
        assertThat(Http.post(url("/service-auth/token?audience=user-service"), "",
                "Authorization", basic("evil-service", ownSecret("evil-service"))).status()).isEqualTo(401);
        Http.Response noAudience = Http.post(url("/service-auth/token"), "",
                "Authorization", basic("conversation-service", ownSecret("conversation-service")));
        assertThat(noAudience.status()).isEqualTo(400);
        assertThat(noAudience.json().path("error").path("code").asString()).isEqualTo("AUDIENCE_REQUIRED");
        Http.Response notGranted = Http.post(url("/service-auth/token?audience=payment-service"), "",
                "Authorization", basic("conversation-service", ownSecret("conversation-service")));
        assertThat(notGranted.status()).isEqualTo(403);
        assertThat(notGranted.json().path("error").path("code").asString()).isEqualTo("NOT_GRANTED");
    }
}
