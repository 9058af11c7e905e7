import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for a conversation turn through the gateway: registers N people, then runs N concurrent
 * sessions. Each client starts a ritual conversation and sends a short script of realistic turns; the third one
 * reaches Confirmation (the card, which asks credit-service for the quote), the fourth corrects the length at
 * Confirmation (the card again); then the client starts a new session. Only the message turns are measured
 * (starts, which ask user-service for the profile, are reported apart).
 *
 * <p>Phases, one after the other in one run: warm-up (messages back to back), then "saturated" (D seconds,
 * messages back to back: each client sends its next message as soon as the answer arrives, so the machine is
 * saturated and latency is mostly queueing), then a 2 s pause for the queues to drain, then "paced" (D seconds,
 * each client pauses before each message, like a person answering: a pause drawn uniformly from 0.5 to 1.5 times
 * --think-ms, so that the clients do not fall into step; latency is then mostly the turn's own work).
 *
 * <p>Dependency-free, JDK 22+ source launch (compiles bench/LoadSupport.java from the same folder too):
 * <pre>java bench/ConversationLoad.java --url http://127.0.0.1:18080 --clients 20 --seconds 20</pre>
 * Options: --url (gateway), --clients N (20), --seconds D (20, per measured phase), --warmup W (10: at least W
 * seconds of warm-up), --warmup-max M (W: with M > W the warm-up goes on in 5 s windows until the CPU per request
 * of the --cpu processes, the load client excepted, stops falling, at most M seconds), --think-ms T (1000; 0 skips
 * the paced phase), --target-ms T (30, the p95 target of the paced phase: printed as PASS/MISS, never asserted), --cpu SPECS (e.g.
 * {@code gateway=1234,postgres,client=self}; see {@link Cpu}).
 * The last lines are machine-readable: {@code RESULT phase=... key=value ...}, one per measured phase.
 */
public class ConversationLoad extends LoadSupport {

    static final int WARMUP = 0;
    static final int SATURATED = 1;
    static final int DRAIN = 2;
    static final int PACED = 3;
    static final int DONE = 4;
    static final String[] PHASES = { "warm-up", "saturated", "drain", "paced", "done" };

    /** The turns of one session and the state each one is expected to reach. */
    static final String[][] SCRIPT = {
            { "I want to feel more confident at work", null },
            { "in the morning, ten minutes", null },
            { "sounds good", "Confirmation" },
            { "actually make it 5 minutes", "Confirmation" },
    };

    static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern SESSION = Pattern.compile("\"session_id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([^\"]+)\"");

    static final class Samples {
        long[] v = new long[1 << 12];
        int n;

        void add(long x) {
            if (n == v.length) {
                v = Arrays.copyOf(v, n * 2);
            }
            v[n++] = x;
        }
    }

    /** One client's samples for one measured phase. */
    static final class Stats {
        final Samples turns = new Samples();      // every measured message turn
        final Samples card = new Samples();       // turns whose reply is the confirmation card (credit quote)
        final Samples other = new Samples();      // the other turns (no downstream call)
        final Samples starts = new Samples();     // session starts (profile from user-service)
    }

    static volatile int phase = WARMUP;
    static volatile long thinkMs = 0;

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        String url = opt.getOrDefault("url", "http://127.0.0.1:18080");
        int clients = Integer.parseInt(opt.getOrDefault("clients", "20"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "10"));
        int warmupMax = Math.max(warmup, Integer.parseInt(opt.getOrDefault("warmup-max", Integer.toString(warmup))));
        long paceMs = Long.parseLong(opt.getOrDefault("think-ms", "1000"));
        double targetMs = Double.parseDouble(opt.getOrDefault("target-ms", "30"));
        Cpu cpu = new Cpu(opt.get("cpu"));

        HttpClient http = httpClient();

        // N people, registered through the gateway (its anonymous rate limit raised by the script)
        String run = Long.toString(System.currentTimeMillis(), 36);
        String[] tokens = new String[clients];
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> registered = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String email = "conv-" + run + "-" + i + "@bench.waqup.local";
                registered.add(pool.submit(() -> {
                    HttpResponse<String> r = post(http, url + "/api/v1/auth/register", null,
                            "{\"email\":\"" + email + "\",\"password\":\"Turn-latency-measure-8264\"}");
                    if (r.statusCode() != 201) {
                        throw new IllegalStateException("register answered " + r.statusCode() + ": " + r.body());
                    }
                    return find(TOKEN, r.body());
                }));
            }
            for (int i = 0; i < clients; i++) {
                tokens[i] = registered.get(i).get();
            }
        }

        Stats[][] stats = new Stats[PHASES.length][clients];
        AtomicLong[] requests = new AtomicLong[PHASES.length];   // 2xx starts and turns that began in each phase
        for (int p = 0; p < PHASES.length; p++) {
            requests[p] = new AtomicLong();
            for (int c = 0; c < clients; c++) {
                stats[p][c] = new Stats();
            }
        }
        AtomicLong sessions = new AtomicLong();
        AtomicLong offScript = new AtomicLong();
        AtomicLong allRequests = new AtomicLong();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        Map<String, String> errorSamples = new ConcurrentHashMap<>();
        Map<String, String> walk = new ConcurrentHashMap<>(); // the states one session went through, for the report
        List<String> warmupLog;
        Map<Integer, Cpu.Window> windows = new HashMap<>();
        Map<Integer, Double> durations = new HashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                String token = tokens[c];
                pool.submit(() -> {
                    Wire wire = new Wire(url); // each person's own keep-alive connection
                    while (phase != DONE) {
                        try {
                            session(wire, url, token, stats, client, requests, allRequests, sessions, offScript, errors,
                                    errorSamples, walk);
                        } catch (IOException e) {
                            error(errors, errorSamples, "exception " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                                    phase);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
            // the controller: warm-up windows, then the measured phases
            warmupLog = cpu.warmUp(warmup, warmupMax, allRequests, "request");
            measure(cpu, SATURATED, seconds, windows, durations);
            if (paceMs > 0) {
                thinkMs = paceMs;
                phase = DRAIN;
                Thread.sleep(2000);
                measure(cpu, PACED, seconds, windows, durations);
            }
            phase = DONE;
        }

        System.out.printf(Locale.ROOT, "%d concurrent sessions (%d people); warm-up %s (messages back to back)%n", clients,
                clients, warmupLog.isEmpty() ? "none" : warmupLog.size() + " window(s)");
        warmupLog.forEach(l -> System.out.println("  warm-up " + l));
        System.out.printf("  one session: start, then %s%n", walk.getOrDefault("walk", "?"));
        System.out.printf("  sessions started: %d; turns off script: %d%n", sessions.get(), offScript.get());
        List<String> results = new ArrayList<>();
        for (int p : paceMs > 0 ? new int[] { SATURATED, PACED } : new int[] { SATURATED }) {
            long[] turns = merge(stats[p], s -> s.turns);
            long[] card = merge(stats[p], s -> s.card);
            long[] other = merge(stats[p], s -> s.other);
            long[] starts = merge(stats[p], s -> s.starts);
            long phaseErrors = errors.entrySet().stream().filter(e -> e.getKey().startsWith(PHASES[p] + " "))
                    .mapToLong(e -> e.getValue().get()).sum();
            double secs = durations.get(p);
            double p95 = ms(pct(turns, 95));
            // the target is about people in conversation (paced); back to back, 20 requests are always in flight and the
            // latency is the queue of a saturated machine (20 / throughput): that phase reports capacity, not the target
            String verdict = p != PACED ? "-" : turns.length > 0 && phaseErrors == 0 && p95 <= targetMs ? "PASS" : "MISS";
            long think = p == PACED ? paceMs : 0;
            Cpu.Window w = windows.get(p);
            long ops = requests[p].get();
            System.out.printf(Locale.ROOT, "%n  %s: %.1f s measured, %s%n", PHASES[p], secs,
                    think == 0 ? "messages back to back" : "a pause of " + think / 2 + "-" + think * 3 / 2 + " ms before each message");
            System.out.printf(Locale.ROOT, "    message turns: %d, %.1f turns/s; p50 %.2f ms p95 %.2f ms p99 %.2f ms max %.2f ms%n",
                    turns.length, turns.length / secs, ms(pct(turns, 50)), p95, ms(pct(turns, 99)),
                    ms(turns.length == 0 ? 0 : turns[turns.length - 1]));
            System.out.printf(Locale.ROOT, "      turns showing the card (credit-service quote): %d, p50 %.2f ms p95 %.2f ms%n",
                    card.length, ms(pct(card, 50)), ms(pct(card, 95)));
            System.out.printf(Locale.ROOT, "      other turns (no downstream call):               %d, p50 %.2f ms p95 %.2f ms%n",
                    other.length, ms(pct(other, 50)), ms(pct(other, 95)));
            System.out.printf(Locale.ROOT, "    session starts (not in the figures; user-service profile): %d, p50 %.2f ms p95 %.2f ms%n",
                    starts.length, ms(pct(starts, 50)), ms(pct(starts, 95)));
            System.out.printf("    errors: %d%n", phaseErrors);
            if (!cpu.spec.isEmpty()) {
                System.out.println("    " + w.describe(ops, "request (turn or start)"));
            }
            System.out.printf(Locale.ROOT, "    target p95 <= %.0f ms: %s%n", targetMs,
                    p == PACED ? verdict : "not this phase's measure (saturated: capacity; the target is the paced phase)");
            results.add(String.format(Locale.ROOT,
                    "RESULT phase=%s clients=%d think_ms=%d seconds=%.1f turns=%d turns_per_s=%.1f p50_ms=%.2f p95_ms=%.2f "
                            + "p99_ms=%.2f max_ms=%.2f card_turns=%d card_p50_ms=%.2f card_p95_ms=%.2f other_p50_ms=%.2f "
                            + "other_p95_ms=%.2f starts=%d start_p50_ms=%.2f start_p95_ms=%.2f errors=%d requests=%d "
                            + "warmup_windows=%d target_ms=%.0f verdict=%s%s",
                    PHASES[p], clients, think, secs, turns.length, turns.length / secs, ms(pct(turns, 50)), p95,
                    ms(pct(turns, 99)), ms(turns.length == 0 ? 0 : turns[turns.length - 1]), card.length, ms(pct(card, 50)),
                    ms(pct(card, 95)), ms(pct(other, 50)), ms(pct(other, 95)), starts.length, ms(pct(starts, 50)),
                    ms(pct(starts, 95)), phaseErrors, ops, warmupLog.size(), targetMs, verdict, w.result(ops)));
        }
        if (!errors.isEmpty()) {
            System.out.println("\n  errors by phase: " + errors);
            printErrorSamples(errorSamples);
        }
        System.out.println();
        results.forEach(System.out::println);
    }

    static void measure(Cpu cpu, int p, int seconds, Map<Integer, Cpu.Window> windows, Map<Integer, Double> durations)
            throws InterruptedException {
        Cpu.Snapshot from = cpu.snap();
        long t0 = System.nanoTime();
        phase = p;
        Thread.sleep(seconds * 1000L);
        phase = p + 1;
        durations.put(p, (System.nanoTime() - t0) / 1e9);
        windows.put(p, cpu.between(from, cpu.snap()));
    }

    /** One session: start, then the script; a request that starts and ends in the same measured phase is a sample. */
    static void session(Wire http, String url, String token, Stats[][] stats, int client, AtomicLong[] requests,
            AtomicLong allRequests, AtomicLong sessions, AtomicLong offScript, Map<String, AtomicLong> errors,
            Map<String, String> errorSamples, Map<String, String> walk) throws IOException, InterruptedException {
        int p0 = phase;
        long t0 = System.nanoTime();
        Wire.Response started = http.post("/api/v1/conversation/start", token, "{\"content_type\":\"ritual\"}");
        long t1 = System.nanoTime();
        if (started.status() != 201) {
            error(errors, errorSamples, "start " + started.status(), started.text(), p0);
            return;
        }
        requests[p0].incrementAndGet();
        allRequests.incrementAndGet();
        if (phase == p0) {
            stats[p0][client].starts.add(t1 - t0);
        }
        sessions.incrementAndGet();
        String sessionId = find(SESSION, started.text());
        StringBuilder states = new StringBuilder();
        for (String[] turn : SCRIPT) {
            long think = thinkMs;
            if (think > 0) { // uniform in [T/2, 3T/2): people do not answer in step (a fixed pause would send bursts)
                Thread.sleep(think / 2 + ThreadLocalRandom.current().nextLong(think));
            }
            if (phase == DONE) {
                return;
            }
            int p = phase;
            long a = System.nanoTime();
            Wire.Response r = http.post("/api/v1/conversation/message", token,
                    "{\"session_id\":\"" + sessionId + "\",\"message\":\"" + turn[0] + "\"}");
            long b = System.nanoTime();
            if (r.status() != 200) {
                error(errors, errorSamples, "message " + r.status(), r.text(), p);
                return;
            }
            requests[p].incrementAndGet();
            allRequests.incrementAndGet();
            String state = find(STATE, r.text());
            boolean showsCard = r.text().contains("\"summary\":{");
            states.append(states.isEmpty() ? "" : " -> ").append('"').append(turn[0]).append("\" ").append(state)
                    .append(showsCard ? " (card)" : "");
            if (turn[1] != null && !turn[1].equals(state)) {
                offScript.incrementAndGet();
            }
            if (phase == p) {
                Stats s = stats[p][client];
                s.turns.add(b - a);
                (showsCard ? s.card : s.other).add(b - a);
            }
        }
        walk.putIfAbsent("walk", states.toString());
    }

    static String find(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + body);
        }
        return m.group(1);
    }

    static long[] merge(Stats[] stats, Function<Stats, Samples> which) {
        int total = 0;
        for (Stats s : stats) {
            total += which.apply(s).n;
        }
        long[] all = new long[total];
        int at = 0;
        for (Stats s : stats) {
            Samples x = which.apply(s);
            System.arraycopy(x.v, 0, all, at, x.n);
            at += x.n;
        }
        Arrays.sort(all);
        return all;
    }

    static void error(Map<String, AtomicLong> errors, Map<String, String> samples, String kind, String body, int phase) {
        countError(errors, samples, PHASES[phase], kind, body);
    }
}
