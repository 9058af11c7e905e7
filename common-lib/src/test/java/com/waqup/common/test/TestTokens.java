package com.waqup.common.test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.waqup.common.security.ServiceGrants;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A real RS256 issuer for tests of services other than user-service: a JWKS endpoint on a local port and
 * tokens signed with its key, shaped exactly like user-service's (iss, aud, sub, roles, tier, kid).
 * {@link #jwksUri()} goes into {@code waqup.security.jwks-uri}.
 */
public final class TestTokens {

    public static final String ISSUER = "waqup";
    private static TestTokens shared;

    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private volatile RSAKey key;
    private final HttpServer server;

    private TestTokens() {
        try {
            rotate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                byte[] jwks = new JWKSet(published.stream().map(k -> (JWK) k.toPublicJWK()).toList())
                        .toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            // a stand-in for user-service's service-token endpoint (any secret; ?audience= and the scopes
            // ServiceGrants gives, like user-service): lets a service under test obtain the credential other services
            // (started as processes) accept
            server.createContext("/service-auth/token", exchange -> {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                String name = "unknown";
                if (auth != null && auth.startsWith("Basic ")) {
                    String decoded = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
                    name = decoded.substring(0, Math.max(0, decoded.indexOf(':')));
                }
                String query = exchange.getRequestURI().getQuery();
                String audience = query != null && query.startsWith("audience=") ? query.substring("audience=".length()) : "";
                byte[] body = ("{\"access_token\":\"" + service(name, audience) + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a new key and signs with it from now on (the old one stays published); returns its kid. */
    public synchronized String rotate() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            published.add(key);
            return key.getKeyID();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One issuer per test JVM, so every context that uses it is the same (and cached). */
    public static synchronized TestTokens shared() {
        if (shared == null) {
            shared = new TestTokens();
        }
        return shared;
    }

    /** Where a service under test gets its service token ({@code waqup.security.service-client.token-uri}). */
    public String serviceTokenUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/service-auth/token";
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public String user(UUID userId, String... roles) {
        return sign(userId.toString(), "waqup-api", roles.length == 0 ? List.of("user") : List.of(roles), "free",
                ISSUER, Duration.ofMinutes(15));
    }

    public String paidUser(UUID userId) {
        return sign(userId.toString(), "waqup-api", List.of("user"), "paid", ISSUER, Duration.ofMinutes(15));
    }

    /**
     * What {@code caller} holds when it calls {@code audience}: user-service's token, with exactly the scopes
     * {@link ServiceGrants} gives that pair (none: a token that opens nothing there).
     */
    public String service(String caller, String audience) {
        String target = ServiceGrants.serviceName(audience);
        Set<String> scopes = new TreeSet<>(ServiceGrants.scopes(caller, target));
        scopes.addAll(TEST_GRANTS.getOrDefault(caller + " -> " + target, Set.of()));
        return service(caller, audience, scopes);
    }

    private static final Map<String, Set<String>> TEST_GRANTS = new ConcurrentHashMap<>();

    /** A grant for a test-only application (common-lib's probe), on top of {@link ServiceGrants}. */
    public static void grantForTests(String caller, String audience, String... scopes) {
        TEST_GRANTS.put(caller + " -> " + ServiceGrants.serviceName(audience), Set.of(scopes));
    }

    /** A service token for {@code audience} with the given scopes (tests of what must be refused, too). */
    public String service(String caller, String audience, Set<String> scopes) {
        return sign("service:" + caller, "waqup-internal:" + ServiceGrants.serviceName(audience), List.of("service"), null,
                ISSUER, Duration.ofMinutes(5), String.join(" ", new TreeSet<>(scopes)));
    }

    /**
     * A token with every scope some caller holds at {@code audience}: for a test of that service's whole internal API
     * (who may call which route is {@code ServiceContractIT}'s matrix).
     */
    public String internalApi(String audience) {
        return service("internal-api-test", audience, ServiceGrants.scopesAt(ServiceGrants.serviceName(audience)));
    }

    /**
     * The operator's token for {@code audience} ({@link ServiceGrants#OPERATOR}): what a test uses to arrange or read
     * what no service does itself (credit grants, balances).
     */
    public String operator(String audience) {
        return service(ServiceGrants.OPERATOR, audience);
    }

    /** Any variation, for tests of what must be refused (expired: a negative lifetime). */
    public String sign(String subject, String audience, List<String> roles, String tier, String issuer, Duration lifetime) {
        return sign(subject, audience, roles, tier, issuer, lifetime, null);
    }

    private String sign(String subject, String audience, List<String> roles, String tier, String issuer, Duration lifetime,
            String scope) {
        try {
            Instant now = Instant.now();
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(audience)
                    .issueTime(Date.from(now.minusSeconds(lifetime.isNegative() ? 3600 : 0)))
                    .expirationTime(Date.from(now.plus(lifetime))).jwtID(UUID.randomUUID().toString())
                    .claim("roles", roles);
            if (tier != null) {
                claims.claim("tier", tier);
            }
            if (scope != null) {
                claims.claim("scope", scope);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed by a key nobody published. */
    public static String signedByStranger(UUID userId) {
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stranger").build(),
                    new JWTClaimsSet.Builder().subject(userId.toString()).issuer(ISSUER).audience("waqup-api")
                            .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("roles", List.of("user")).build());
            jwt.sign(new RSASSASigner(stranger));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims with the signature of another payload: what a tamperer produces. */
    public static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"user\"", "\"admin\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** An unsigned token ({@code alg: none}). */
    public static String unsigned(UUID userId) {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"" + userId
                + "\",\"iss\":\"waqup\",\"aud\":\"waqup-api\",\"roles\":[\"user\"],\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    @Override
    public String toString() {
        return "TestTokens[" + jwksUri() + "]";
    }

}
