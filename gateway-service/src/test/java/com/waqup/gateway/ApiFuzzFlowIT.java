package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.waqup.common.test.Http;
import com.waqup.common.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Input hardening, through the gateway against the real services: requests generated from every service's OpenAPI
 * document (every {@code /api/v1} operation: path values, query parameters, bodies and headers right and wrong, see
 * {@link FuzzRequests}), sent as anonymous, people, a creator, an admin and forged tokens. Not one answer may be a 5xx,
 * every 4xx must be the seed's error envelope, and every request gets an answer (no hang). The seed is printed, and
 * {@code -Dwaqup.fuzz.seed} / {@code -Dwaqup.fuzz.requests} replay or lengthen a run. docs/platform.md ("Fuzzing").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFuzzFlowIT extends JourneySupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * This class's own addresses: its sign-ups, anonymous calls and wrong sign-ins spend the per-address budgets and
     * lockouts of 127.0.0.7 (and 127.0.0.9 for the fuzzer), never those of the other flow tests on 127.0.0.1.
     */
    private static final Http.From MATRIX = Http.from("127.0.0.7");

    static final List<String> SERVICES = List.of("user-service", "conversation-service", "content-generation-service",
            "audio-generation-service", "ritual-library-service", "credit-service", "creator-service", "catalog-service",
            "payment-service", "reward-service");

    private final List<OpenApiOperations.Operation> operations = new ArrayList<>();
    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
    private final List<String> people = new ArrayList<>();
    private final List<String> knownIds = Collections.synchronizedList(new ArrayList<>());
    private String creator;
    private String admin;

    @BeforeAll
    void readTheDocumentsAndMeetThePeople() throws Exception {
        for (String service : SERVICES) {
            Http.Response doc = Http.get(url("/docs/" + service + "/v3/api-docs"));
            assertThat(doc.status()).as(service + ": " + doc.body()).isEqualTo(200);
            JsonNode document = doc.json();
            documents.put(service, document);
            for (OpenApiOperations.Operation op : OpenApiOperations.of(service, document).operations()) {
                if (op.path().startsWith("/api/v1/")) {
                    operations.add(op);
                }
            }
        }
        operations.sort((a, b) -> a.toString().compareTo(b.toString())); // a seed replays the same requests
        for (int i = 0; i < 30; i++) {
            Person person = registerPaced("fuzz");
            people.add(person.token());
            knownIds.add(person.id());
        }
        Person becoming = registerPaced("fuzz-creator");
        Http.Response became = post(becoming.token(), "/api/v1/users/me/creator", "");
        assertThat(became.status()).as(became.body()).isEqualTo(200);
        creator = became.json().path("token").asString();
        Http.Response pack = post(creator, "/api/v1/creators/me/packs",
                "{\"title\":\"Fuzz pack\",\"description\":\"A pack the fuzzer may poke.\",\"price_type\":\"free\",\"tags\":[\"calm\"]}");
        assertThat(pack.status()).as(pack.body()).isEqualTo(201);
        knownIds.add(pack.json().path("id").asString());
        knownIds.add(becoming.id());
        Person operator = registerPaced("fuzz-admin");
        try (Connection c = TestDatabase.connect();
                PreparedStatement grant = c.prepareStatement("INSERT INTO users.user_role (user_id, role) VALUES (?, 'admin')")) {
            grant.setObject(1, UUID.fromString(operator.id()));
            grant.executeUpdate();
        }
        // from an address of its own: the fuzzer's wrong passwords (and other tests') lock out the addresses they come from
        Http.Response login = Http.from("127.0.0.8").post(url("/api/v1/auth/login"),
                json("email", operator.email(), "password", operator.password()), "Content-Type", "application/json");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        admin = login.json().path("token").asString();
    }

    @Test
    void shouldAnswerEveryGeneratedRequestWithoutA5xxAndRefuseEachWithTheEnvelope() throws Exception {
        long seed = Long.getLong("waqup.fuzz.seed", System.nanoTime());
        int total = Integer.getInteger("waqup.fuzz.requests", 10_000);
        assertThat(operations).as("operations read from the OpenAPI documents").hasSizeGreaterThanOrEqualTo(50);
        System.out.printf("fuzz: %d operations, %d requests, seed %d (-Dwaqup.fuzz.seed=%d replays it)%n", operations.size(), total,
                seed, seed);

        // the fuzzer's many wrong sign-ins lock out the address they come from for 15 minutes: its own, not other tests'
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .localAddress(java.net.InetAddress.getByName("127.0.0.9")).build();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
        Map<String, LongAdder> byService = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long threadSeed = seed + t;
            workers.add(pool.submit(() -> {
                Random pick = new Random(threadSeed);
                FuzzRequests requests = new FuzzRequests(threadSeed * 31, knownIds);
                while (sent.getAndIncrement() < total) {
                    OpenApiOperations.Operation op = operations.get(pick.nextInt(operations.size()));
                    FuzzRequests.Request request = requests.next(op, documents.get(op.service()));
                    String token = token(pick);
                    String outcome = send(client, request, token, violations, op);
                    byStatus.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                    byService.computeIfAbsent(op.service() + " " + outcome.charAt(0) + "xx", k -> new LongAdder()).increment();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();

        System.out.println("fuzz: answers by status " + new TreeMap<>(byStatus));
        System.out.println("fuzz: answers by service " + new TreeMap<>(byService));
        assertThat(violations).as("seed %d: 5xx, non-envelope refusals or no answer", seed).isEmpty();
        long reachedHandlers = byStatus.entrySet().stream().filter(e -> !e.getKey().equals("401") && !e.getKey().equals("429"))
                .mapToLong(e -> e.getValue().sum()).sum();
        assertThat(reachedHandlers).as("most requests get past authentication and rate limiting").isGreaterThan(total / 2);
    }

    /** Operations anyone may call without a token (GatewaySecurityConfiguration), by method and path template. */
    static final List<String> PUBLIC = List.of("POST /api/v1/auth/register", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
            "POST /api/v1/payments/webhook", "GET /api/v1/content/shared/{token}", "GET /api/v1/content/shared/{token}/audio");

    /**
     * Every operation of every document × anonymous / person / creator / admin: 401 without a token except on the
     * public operations; 403 for a person on a creator's own endpoints and for anyone but an admin on the admin
     * endpoints; never 401 or 403 otherwise. Then someone else's resource: every operation on a practice, a folder, a
     * share link or a creator's pack, called by another person (or creator) with the request its owner could make, is
     * 404, while the owner's own read of it succeeds.
     */
    @Test
    void shouldRefuseEachOperationToExactlyThosePeopleItDoesNotBelongTo() {
        List<String> wrong = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations) {
            String key = op.method() + " " + op.path();
            String path = op.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            String body = op.bodySchema() == null ? null : "{}";
            boolean admins = op.path().startsWith("/api/v1/admin/");
            // a creator's own endpoints: their profile and packs, and their rewards (reward-service checks the role itself)
            boolean creators = op.path().equals("/api/v1/creators/me") || op.path().startsWith("/api/v1/creators/me/")
                    || op.path().startsWith("/api/v1/rewards/");
            // a person of their own for each call: logging out or becoming a creator must not change the next row
            String person = key.equals("POST /api/v1/auth/logout") || key.equals("POST /api/v1/users/me/creator")
                    ? registerQuietly() : people.get(0);
            int anonymous = call(op.method(), path, null, body);
            if (PUBLIC.contains(key)) {
                expectNot(wrong, key, "anonymous", anonymous, 401, 403);
            } else {
                expect(wrong, key, "anonymous", anonymous, 401);
            }
            int asPerson = call(op.method(), path, person, body);
            if (admins || creators) {
                expect(wrong, key, "person", asPerson, 403);
            } else {
                expectNot(wrong, key, "person", asPerson, 401, 403);
            }
            int asCreator = call(op.method(), path, creator, body);
            if (admins) {
                expect(wrong, key, "creator", asCreator, 403);
            } else {
                expectNot(wrong, key, "creator", asCreator, 401, 403);
            }
            int asAdmin = call(op.method(), path, admin, body);
            if (creators) {
                expect(wrong, key, "admin", asAdmin, 403); // the creator's own endpoints: being an admin does not make a creator
            } else {
                expectNot(wrong, key, "admin", asAdmin, 401, 403);
            }
        }
        assertThat(wrong).as("operations answering the wrong people").isEmpty();
    }

    @Test
    void shouldAnswerSomeoneElsesPracticeFolderShareAndPackWith404() throws Exception {
        Person owner = registerPaced("owner"); // the free-tier credit pays for the one practice
        String content = converseAndConfirm(owner.token(), "affirmation", "1 minute of affirmations for calm, in the evening at home");
        awaitJob(owner.token(), content, "ready");
        awaitLibraryItem(owner.token(), content);
        Http.Response folder = post(owner.token(), "/api/v1/content/folders", "{\"name\":\"Evenings\"}");
        assertThat(folder.status()).as(folder.body()).isEqualTo(201);
        Http.Response share = post(owner.token(), "/api/v1/content/" + content + "/shares", "{}");
        assertThat(share.status()).as(share.body()).isIn(200, 201);
        Http.Response became = post(owner.token(), "/api/v1/users/me/creator", "");
        String ownerCreator = became.json().path("token").asString();
        Http.Response pack = post(ownerCreator, "/api/v1/creators/me/packs",
                "{\"title\":\"Owner pack\",\"description\":\"Mine.\",\"price_type\":\"free\",\"tags\":[\"calm\"]}");
        assertThat(pack.status()).as(pack.body()).isEqualTo(201);
        Map<String, String> ids = Map.of("content", content, "folderId", folder.json().path("id").asString(),
                "shareId", share.json().path("id").asString(), "pack", pack.json().path("id").asString());
        Map<String, String> bodies = Map.of(
                "PUT /api/v1/content/{id}", "{\"title\":\"Taken\"}",
                "PUT /api/v1/content/{id}/folder", "{\"folder_id\":null}",
                "PATCH /api/v1/content/folders/{folderId}", "{\"name\":\"Taken\"}",
                "POST /api/v1/content/{id}/play", "{\"started_at\":\"" + java.time.Instant.now().minusSeconds(60) + "\"}",
                "POST /api/v1/content/{id}/complete", "{\"practice_event_id\":\"" + UUID.randomUUID() + "\",\"completed_at\":\""
                        + java.time.Instant.now().minusSeconds(5) + "\",\"duration\":30}",
                "POST /api/v1/content/{id}/shares", "{}",
                "PUT /api/v1/creators/me/packs/{id}", "{\"title\":\"Taken\",\"description\":\"x\",\"price_type\":\"free\",\"tags\":[]}",
                "PUT /api/v1/creators/me/packs/{id}/items", "{\"content_ids\":[]}");

        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (OpenApiOperations.Operation op : operations) {
            String key = op.method() + " " + op.path();
            String id = ownedId(op, ids);
            if (id == null || (op.bodySchema() != null && !bodies.containsKey(key))) {
                continue; // no owned resource, or no valid body to send (validation may rightly answer before ownership)
            }
            String path = op.path().replaceAll("\\{[^}]+}", id);
            boolean packs = op.path().startsWith("/api/v1/creators/me/packs/");
            String stranger = packs ? creator : people.get(1);
            int status = call(op.method(), path, stranger, bodies.getOrDefault(key, op.bodySchema() == null ? null : "{}"));
            expect(wrong, key, "someone else", status, 404);
            if (op.method().equals("GET")) {
                int own = call("GET", path, packs ? ownerCreator : owner.token(), null);
                expect(wrong, key, "its owner", own, 200);
            }
            checked++;
        }
        assertThat(wrong).as("someone else's resource must be a 404").isEmpty();
        assertThat(checked).as("operations on owned resources").isGreaterThanOrEqualTo(15);
    }

    /** The id of the owner's resource an operation's path names, or null when it names none (or a public one). */
    private static String ownedId(OpenApiOperations.Operation op, Map<String, String> ids) {
        String path = op.path();
        if (path.contains("{folderId}")) {
            return ids.get("folderId");
        }
        if (path.contains("{shareId}")) {
            return ids.get("shareId");
        }
        if (path.startsWith("/api/v1/creators/me/packs/{id}")) {
            return ids.get("pack");
        }
        if ((path.startsWith("/api/v1/content/{id}") || path.startsWith("/api/v1/generations/{id}")) && !path.contains("{token}")) {
            return ids.get("content");
        }
        return null;
    }

    private int call(String method, String path, String token, String body) {
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
        if (token != null) {
            headers.addAll(List.of("Authorization", "Bearer " + token));
        }
        for (int attempt = 0; ; attempt++) {
            Http.Response r = MATRIX.send(method, url(path), body, headers.toArray(String[]::new));
            if (r.status() != 429 || attempt > 5) {
                return r.status();
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    private static void expect(List<String> wrong, String key, String who, int status, int expected) {
        if (status != expected) {
            wrong.add(key + " as " + who + ": " + status + " (expected " + expected + ")");
        }
    }

    private static void expectNot(List<String> wrong, String key, String who, int status, int... refused) {
        for (int r : refused) {
            if (status == r) {
                wrong.add(key + " as " + who + ": " + status + " (must not be refused)");
            }
        }
    }

    private String registerQuietly() {
        return registerPaced("fuzz-once").token();
    }


    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String token(Random pick) {
        int roll = pick.nextInt(100);
        if (roll < 65) {
            return people.get(pick.nextInt(people.size()));
        }
        if (roll < 77) {
            return creator;
        }
        if (roll < 85) {
            return admin;
        }
        if (roll < 95) {
            return null;
        }
        return switch (pick.nextInt(3)) {
            case 0 -> "not.a.jwt";
            case 1 -> people.get(0).substring(0, people.get(0).length() - 4) + "AAAA";
            default -> "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";
        };
    }

    private String send(HttpClient client, FuzzRequests.Request request, String token, List<String> violations,
            OpenApiOperations.Operation op) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(url(request.pathAndQuery()))).timeout(Duration.ofSeconds(40)); // past the gateway's 30 s: a hang is its 504, a 5xx
        } catch (IllegalArgumentException unsendable) {
            return "unsendable"; // a value the client itself cannot put in a URI
        }
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < request.headers().size(); i += 2) {
            try {
                builder.header(request.headers().get(i), request.headers().get(i + 1));
            } catch (IllegalArgumentException unsendable) {
                // a header value the client refuses to send (e.g. an empty correlation id): send the request without it
            }
        }
        HttpResponse<String> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            violations.add("no answer (" + e + ") to " + request + " for " + op + dumpThreadsOnce());
            return "none";
        }
        int status = response.statusCode();
        if (status >= 500) {
            violations.add(status + " " + abbreviate(response.body()) + " to " + request + " for " + op);
        } else if (status >= 400 && !isEnvelope(response)) {
            violations.add(status + " without the envelope: " + abbreviate(response.body()) + " to " + request + " for " + op);
        }
        return String.valueOf(status);
    }

    private static final java.util.concurrent.atomic.AtomicBoolean THREADS_DUMPED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * A request that got no answer is a hang somewhere between the gateway (in this JVM) and a service: the first
     * time, this JVM's threads go to target/fuzz-no-answer-threads.txt (the services' logs are target/flow-*.log).
     */
    private static String dumpThreadsOnce() {
        if (!THREADS_DUMPED.compareAndSet(false, true)) {
            return "";
        }
        StringBuilder dump = new StringBuilder();
        for (java.lang.management.ThreadInfo info : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState()).append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                dump.append("    at ").append(frame).append('\n');
            }
            dump.append('\n');
        }
        try {
            java.nio.file.Path file = java.nio.file.Path.of("target", "fuzz-no-answer-threads.txt");
            java.nio.file.Files.writeString(file, dump);
            return " (threads: " + file.toAbsolutePath() + ")";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static boolean isEnvelope(HttpResponse<String> response) {
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return false;
        }
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            return !error.path("code").asString("").isBlank() && !error.path("message").asString("").isBlank()
                    && !error.path("trace_id").asString("").isBlank() && !response.body().contains("Exception");
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "…" : body;
    }

    /** A person signed up from this class's own address (the per-address 429 waited out by {@link #signUp}). */
    private Person registerPaced(String prefix) {
        String email = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "juniper-lantern-" + UUID.randomUUID().toString().substring(0, 4);
        Http.Response r = signUp(() -> MATRIX.post(url("/api/v1/auth/register"), json("email", email, "password", password),
                "Content-Type", "application/json"));
        if (r.status() != 201) {
            throw new IllegalStateException("registration failed: " + r.body());
        }
        return new Person(r.json().path("user").path("id").asString(), email, password, r.json().path("token").asString());
    }
}
