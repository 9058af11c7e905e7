import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault suite's workload and its report (bench/faults.sh). Dependency-free, JDK 22+ single-file launch.
 *
 * <p>{@code java bench/FaultLoad.java run --gateway URL --people 6 --stop FILE --out DIR [--timeout-s 30]
 * [--max-s 1500]}: N virtual people, each looping through the gateway as a client would: register (login again on a
 * 401), buy a starter credit pack in the payment sandbox when the balance is short (POST /api/v1/credits/purchase →
 * POST /sandbox/checkout/{id}/pay), converse to the Confirmation card, confirm, poll the generation to ready or
 * failed, read the item, fetch its audio through the signed URL, play and complete a practice. Runs until the stop
 * file exists. Every request is written to {@code DIR/requests.csv}: {@code start_ms,end_ms,person,op,status,
 * envelope,stack,hang} where status 0 = no answer (connection refused or reset), envelope = 1/0 for a 4xx/5xx body
 * that is / is not the seed's error envelope {@code {"error":{"code":..,"message":..}}} (- for 2xx/3xx), stack = 1 when
 * the body has a Java stack trace or exception name, hang = 1 when no answer came within the client timeout. Created
 * practices (ritual ids) and what the client last saw of them go to {@code DIR/practices.csv}.
 *
 * <p>{@code java bench/FaultLoad.java report --requests FILE --faults FILE}: the table, one row per fault window
 * (faults.csv lines {@code name,start_ms,end_ms}; a window runs from the fault's start to 30 s after its end, the
 * recovery) and a row for the quiet time outside all windows: requests, 2xx/3xx, 4xx and 5xx by status, no answer,
 * non-envelope error bodies, stack traces, hangs. The last line is {@code CLIENT requests=.. bad_envelopes=..
 * stack_traces=.. hangs=..}.
 */
public class FaultLoad {

    static final Pattern STACK = Pattern.compile("Exception|\\bat (com|org|java|jdk|io|reactor)\\.[\\w.$]+\\(");
    static final Pattern ENVELOPE = Pattern.compile(
            "^\\s*\\{\\s*\"error\"\\s*:\\s*\\{.*\"code\"\\s*:\\s*\"[^\"]+\".*\"message\"\\s*:\\s*\"", Pattern.DOTALL);

    static HttpClient http;
    static PrintWriter requests;
    static PrintWriter practices;
    static Duration timeout;
    static String gateway;
    static Path stop;
    static long deadline;
    static final AtomicLong COUNT = new AtomicLong();
    static final Map<String, AtomicLong> OUTCOMES = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        if (args.length > 0 && args[0].equals("report")) {
            report(Path.of(o.get("requests")), Path.of(o.get("faults")), Long.parseLong(o.getOrDefault("recovery-ms", "30000")));
            return;
        }
        gateway = o.getOrDefault("gateway", "http://127.0.0.1:19080");
        int people = Integer.parseInt(o.getOrDefault("people", "6"));
        timeout = Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeout-s", "30")));
        stop = Path.of(o.get("stop"));
        deadline = System.currentTimeMillis() + 1000L * Long.parseLong(o.getOrDefault("max-s", "1500"));
        Path out = Path.of(o.get("out"));
        Files.createDirectories(out);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        requests = new PrintWriter(Files.newBufferedWriter(out.resolve("requests.csv")), true);
        practices = new PrintWriter(Files.newBufferedWriter(out.resolve("practices.csv")), true);
        requests.println("start_ms,end_ms,person,op,status,envelope,stack,hang");
        practices.println("person,ritual_id,client_saw");
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            int person = p;
            threads.add(Thread.ofPlatform().name("person-" + p).start(() -> person(person)));
            Thread.sleep(500);
        }
        for (Thread t : threads) {
            t.join();
        }
        requests.flush();
        practices.flush();
        System.out.println("requests " + COUNT.get() + "; practices by what the client last saw: " + new TreeMap<>(OUTCOMES));
    }

    static boolean running() {
        return !Files.exists(stop) && System.currentTimeMillis() < deadline;
    }

    /** One virtual person's loop; a step that does not get what it needs starts the next round (after a pause). */
    static void person(int p) {
        String email = "faults-" + p + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "faults-lantern-" + UUID.randomUUID().toString().substring(0, 8);
        Person me = new Person(p, email, password);
        int round = 0;
        while (running()) {
            try {
                if (me.token == null) {
                    me.signIn();
                    continue;
                }
                round++;
                Integer balance = me.balance();
                if (balance != null && (balance < 1 || round % 4 == 0)) {
                    me.buyCredits();
                }
                me.createAndPlay();
            } catch (Unauthorized e) {
                me.token = null;
            } catch (Step e) {
                pause(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static final class Step extends Exception {
        Step(String m) {
            super(m, null, false, false);
        }
    }

    static final class Unauthorized extends Exception {
        Unauthorized() {
            super("401", null, false, false);
        }
    }

    record Answer(int status, String body) {
    }

    static final class Person {
        final int id;
        final String email;
        final String password;
        String token;
        boolean registered;

        Person(int id, String email, String password) {
            this.id = id;
            this.email = email;
            this.password = password;
        }

        void signIn() throws Step, InterruptedException {
            String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
            Answer a = registered ? call("login", "POST", "/api/v1/auth/login", body, null)
                    : call("register", "POST", "/api/v1/auth/register", body, null);
            if (a.status == 409 && !registered) { // registered earlier, the answer lost
                registered = true;
                return;
            }
            if (a.status != 200 && a.status != 201) {
                throw new Step("sign-in " + a.status);
            }
            registered = true;
            token = find("\"token\"\\s*:\\s*\"([^\"]+)\"", a.body);
        }

        Integer balance() throws Step, InterruptedException, Unauthorized {
            Answer a = ok(call("balance", "GET", "/api/v1/credits/balance", null, token), 200);
            return Integer.valueOf(find("\"balance\"\\s*:\\s*(-?\\d+)", a.body));
        }

        /** A starter pack through the payment sandbox; the credits arrive when credit-service hears the payment. */
        void buyCredits() throws Step, InterruptedException, Unauthorized {
            Answer a = ok(call("purchase", "POST", "/api/v1/credits/purchase", "{\"pack_type\":\"starter\"}", token), 200, 201);
            String session = find("\"session_id\"\\s*:\\s*\"([^\"]+)\"", a.body);
            Answer paid = call("sandbox-pay", "POST", "/sandbox/checkout/" + URLEncoder.encode(session, StandardCharsets.UTF_8)
                    + "/pay", null, null);
            if (paid.status != 303 && paid.status != 200) {
                throw new Step("pay " + paid.status);
            }
        }

        void createAndPlay() throws Step, InterruptedException, Unauthorized {
            Answer started = ok(call("conv-start", "POST", "/api/v1/conversation/start",
                    "{\"content_type\":\"affirmation\",\"intent\":\"confidence\"}", token), 200, 201);
            String session = find("\"session_id\"\\s*:\\s*\"([^\"]+)\"", started.body);
            String state = message(session, "1 minute of affirmations for confidence at work, in the morning at home");
            for (int turn = 0; turn < 8 && !"Confirmation".equals(state); turn++) {
                state = message(session, "you choose");
            }
            if (!"Confirmation".equals(state)) {
                throw new Step("no confirmation");
            }
            Answer done = call("conv-complete", "POST", "/api/v1/conversation/complete",
                    "{\"session_id\":\"" + session + "\",\"confirm\":true}", token);
            if (done.status == 402) { // not enough credits: buy next round
                throw new Step("402");
            }
            ok(done, 200, 201, 202);
            String ritual = find("\"ritual_id\"\\s*:\\s*\"([^\"]+)\"", done.body);
            String status = "unknown";
            long until = System.currentTimeMillis() + 240_000;
            try {
                while (System.currentTimeMillis() < until && running()) {
                    Answer job = call("generation-poll", "GET", "/api/v1/generations/" + ritual, null, token);
                    if (job.status == 401) {
                        throw new Unauthorized();
                    }
                    if (job.status == 200) {
                        status = find("\"status\"\\s*:\\s*\"([^\"]+)\"", job.body);
                        if (status.equals("ready") || status.equals("failed")) {
                            break;
                        }
                    }
                    pause(1000);
                }
            } finally {
                practices.println(id + "," + ritual + "," + status);
                OUTCOMES.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            }
            if (!status.equals("ready")) {
                return;
            }
            Answer item = null;
            for (int i = 0; i < 30 && running(); i++) { // the library hears generation.completed asynchronously
                Answer a = call("content-read", "GET", "/api/v1/content/" + ritual, null, token);
                if (a.status == 200) {
                    item = a;
                    break;
                }
                if (a.status == 401) {
                    throw new Unauthorized();
                }
                pause(1000);
            }
            if (item == null) {
                throw new Step("item not in the library");
            }
            String audio = find("\"audio_url\"\\s*:\\s*\"([^\"]+)\"", item.body).replace("\\u0026", "&").replace("\\/", "/");
            call("audio-fetch", "GET", audio, null, null);
            Answer play = ok(call("play", "POST", "/api/v1/content/" + ritual + "/play",
                    "{\"started_at\":\"" + Instant.now() + "\"}", token), 200, 201);
            String practice = find("\"practice_event_id\"\\s*:\\s*\"([^\"]+)\"", play.body);
            ok(call("play-complete", "POST", "/api/v1/content/" + ritual + "/complete", "{\"practice_event_id\":\"" + practice
                    + "\",\"completed_at\":\"" + Instant.now() + "\",\"duration\":60}", token), 200, 201);
        }

        String message(String session, String text) throws Step, InterruptedException, Unauthorized {
            Answer a = ok(call("conv-message", "POST", "/api/v1/conversation/message",
                    "{\"session_id\":\"" + session + "\",\"message\":\"" + text + "\"}", token), 200);
            return find("\"state\"\\s*:\\s*\"([^\"]+)\"", a.body);
        }

        Answer call(String op, String method, String pathOrUrl, String json, String bearer) throws InterruptedException {
            return request(id, op, method, pathOrUrl.startsWith("http") ? pathOrUrl : gateway + pathOrUrl, json, bearer);
        }
    }

    static Answer ok(Answer a, int... expected) throws Step, Unauthorized {
        if (a.status == 401) {
            throw new Unauthorized();
        }
        for (int e : expected) {
            if (a.status == e) {
                return a;
            }
        }
        throw new Step("status " + a.status);
    }

    /** One request, recorded; status 0 = no answer (refused, reset or timed out). */
    static Answer request(int person, String op, String method, String url, String json, String bearer)
            throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else if (method.equals("POST")) { // the sandbox's Pay button: an empty form (the test card)
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long start = System.currentTimeMillis();
        int status = 0;
        String body = "";
        boolean hang = false;
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            status = r.statusCode();
            String type = r.headers().firstValue("Content-Type").orElse("");
            // the audio itself is not text: only its status matters
            body = type.startsWith("audio/") ? "" : new String(r.body(), StandardCharsets.UTF_8);
        } catch (HttpTimeoutException e) {
            hang = true;
        } catch (IOException e) {
            // no answer: connection refused or reset (a killed JVM)
        }
        long end = System.currentTimeMillis();
        String envelope = status >= 400 ? (ENVELOPE.matcher(body).find() ? "1" : "0") : "-";
        boolean stack = STACK.matcher(body).find();
        COUNT.incrementAndGet();
        requests.println(start + "," + end + "," + person + "," + op + "," + status + "," + envelope + ","
                + (stack ? 1 : 0) + "," + (hang ? 1 : 0));
        if ((status >= 400 && envelope.equals("0")) || stack) { // kept for the report: what exactly came back
            requests.flush();
            System.out.printf(Locale.ROOT, "BAD %s %s %d: %s%n", op, url.replaceAll("[?].*", ""), status,
                    body.length() > 400 ? body.substring(0, 400) : body);
        }
        return new Answer(status, body);
    }

    static String find(String regex, String body) throws Step {
        Matcher m = Pattern.compile(regex).matcher(body);
        if (!m.find()) {
            throw new Step("no " + regex);
        }
        return m.group(1);
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- the report ---------------------------------------------------------------------------------------------

    record Window(String name, long start, long end) {
    }

    static void report(Path requestsFile, Path faultsFile, long recovery) throws IOException {
        List<Window> windows = new ArrayList<>();
        for (String line : Files.readAllLines(faultsFile)) {
            String[] f = line.split(",");
            if (f.length == 3 && !f[0].equals("fault")) {
                windows.add(new Window(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
        }
        long t0 = Long.MAX_VALUE;
        Map<String, long[]> rows = new LinkedHashMap<>(); // requests, 2xx3xx, 4xx, 5xx, noanswer, badenv, stack, hang
        Map<String, Map<Integer, Integer>> statuses = new LinkedHashMap<>();
        for (Window w : windows) {
            rows.put(w.name(), new long[8]);
            statuses.put(w.name(), new TreeMap<>());
        }
        rows.put("(no fault)", new long[8]);
        statuses.put("(no fault)", new TreeMap<>());
        long[] total = new long[8];
        List<String> lines = Files.readAllLines(requestsFile);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length < 8) {
                continue;
            }
            long start = Long.parseLong(f[0]);
            t0 = Math.min(t0, start);
            int status = Integer.parseInt(f[4]);
            String in = "(no fault)";
            for (Window w : windows) { // the latest fault whose window (fault + recovery) holds the request's start
                if (start >= w.start() && start <= w.end() + recovery) {
                    in = w.name();
                }
            }
            long[] r = rows.get(in);
            for (long[] x : new long[][] { r, total }) {
                x[0]++;
                if (status == 0) {
                    x[4]++;
                } else if (status < 400) {
                    x[1]++;
                } else if (status < 500) {
                    x[2]++;
                } else {
                    x[3]++;
                }
                if (f[5].equals("0")) {
                    x[5]++;
                }
                if (f[6].equals("1")) {
                    x[6]++;
                }
                if (f[7].equals("1")) {
                    x[7]++;
                }
            }
            if (status >= 400 || status == 0) {
                statuses.get(in).merge(status, 1, Integer::sum);
            }
        }
        System.out.printf(Locale.ROOT, "   %-36s %5s %6s %7s %6s %6s %6s %9s %6s %5s  %s%n", "fault (window: it + " + recovery / 1000 + " s)",
                "at s", "dur s", "reqs", "ok", "4xx", "5xx", "no answer", "bad env", "stack", "errors, status:count (none = no answer)");
        for (Map.Entry<String, long[]> e : rows.entrySet()) {
            Window w = windows.stream().filter(x -> x.name().equals(e.getKey())).findFirst().orElse(null);
            long[] r = e.getValue();
            String by = statuses.get(e.getKey()).entrySet().stream()
                    .map(s -> (s.getKey() == 0 ? "none" : s.getKey().toString()) + ":" + s.getValue())
                    .reduce((a, b) -> a + " " + b).orElse("-");
            System.out.printf(Locale.ROOT, "   %-36s %5s %6s %7d %6d %6d %6d %9d %6d %5d  %s%s%n", e.getKey(),
                    w == null || t0 == Long.MAX_VALUE ? "-" : String.valueOf((w.start() - t0) / 1000),
                    w == null ? "-" : String.format(Locale.ROOT, "%.0f", (w.end() - w.start()) / 1000.0),
                    r[0], r[1], r[2], r[3], r[4], r[5], r[6], by, r[7] > 0 ? "; hangs " + r[7] : "");
        }
        System.out.printf(Locale.ROOT, "CLIENT requests=%d ok=%d e4xx=%d e5xx=%d no_answer=%d bad_envelopes=%d stack_traces=%d hangs=%d%n",
                total[0], total[1], total[2], total[3], total[4], total[5], total[6], total[7]);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        int i = args.length > 0 && !args[0].startsWith("--") ? 1 : 0;
        for (; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }
}
