import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for a conversation turn through the gateway (issue #6): registers N people, then runs N concurrent
 * sessions. Each client starts a ritual conversation and sends a short script of realistic turns; the third
 * one reaches Confirmation (the card, which asks credit-service for the quote), the fourth corrects the length
 * at Confirmation (the card again); then the client starts a new session. Only the message turns are measured
 * (starts, which ask user-service for the profile, are reported apart). Warm-up first, then D measured seconds.
 *
 * <p>Dependency-free, JDK 21+ single-file launch:
 * <pre>java bench/ConversationLoad.java --url http://127.0.0.1:18080 --clients 20 --seconds 20 --warmup 10</pre>
 * Options: --url (gateway), --clients N (20), --seconds D (20), --warmup W (10), --target-ms T (30, the p95
 * target: printed as PASS/MISS, never asserted), --think-ms T (0: a person's pause before each message; 0 = back to
 * back), --cpu SPECS (processes whose CPU time per request in the measured window is reported, e.g.
 * {@code gateway=1234,postgres}; see {@link Cpu}). The last line is machine-readable: {@code RESULT key=value ...}.
 */
public class ConversationLoad {

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

    static final class ClientStats {
        final Samples turns = new Samples();      // every measured message turn
        final Samples card = new Samples();       // turns whose reply is the confirmation card (credit quote)
        final Samples other = new Samples();      // the other turns (no downstream call)
        final Samples starts = new Samples();     // session starts (profile from user-service)
        long sessions;
        long requests;                            // every 2xx start and message, warm-up included
        long offScript;                           // a turn that did not reach the expected state
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        String url = opt.getOrDefault("url", "http://127.0.0.1:18080");
        int clients = Integer.parseInt(opt.getOrDefault("clients", "20"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "10"));
        double targetMs = Double.parseDouble(opt.getOrDefault("target-ms", "30"));
        long thinkMs = Long.parseLong(opt.getOrDefault("think-ms", "0"));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        // 20 people, registered through the gateway (anonymous rate limit raised by the script)
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

        ClientStats[] stats = new ClientStats[clients];
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        Map<String, String> errorSamples = new ConcurrentHashMap<>();
        Map<String, String> walk = new ConcurrentHashMap<>(); // the states one session went through, for the report
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        Cpu cpu = new Cpu(opt.get("cpu"));
        Thread sampler = cpu.schedule(measureFrom, end);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                ClientStats s = stats[c] = new ClientStats();
                String token = tokens[c];
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            session(http, url, token, s, measureFrom, end, thinkMs, errors, errorSamples, walk);
                        } catch (IOException e) {
                            error(errors, errorSamples, "exception " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                                    System.nanoTime() >= measureFrom);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
        }

        sampler.join();
        long[] turns = merge(stats, s -> s.turns);
        long[] card = merge(stats, s -> s.card);
        long[] other = merge(stats, s -> s.other);
        long[] starts = merge(stats, s -> s.starts);
        long sessions = Arrays.stream(stats).mapToLong(s -> s.sessions).sum();
        long offScript = Arrays.stream(stats).mapToLong(s -> s.offScript).sum();
        long requests = Arrays.stream(stats).mapToLong(s -> s.requests).sum();
        long measuredErrors = errors.entrySet().stream().filter(e -> e.getKey().startsWith("measured "))
                .mapToLong(e -> e.getValue().get()).sum();
        double p95 = ms(pct(turns, 95));
        String verdict = turns.length > 0 && measuredErrors == 0 && p95 <= targetMs ? "PASS" : "MISS";

        System.out.printf(Locale.ROOT, "%d concurrent sessions (%d people), warm-up %d s, measured %d s, %s%n", clients, clients,
                warmup, seconds, thinkMs == 0 ? "messages back to back (no pause)" : "a pause of " + thinkMs + " ms before each message");
        System.out.printf("  one session: start, then %s%n", walk.getOrDefault("walk", "?"));
        System.out.printf(Locale.ROOT, "  message turns: %d, %.1f turns/s; p50 %.2f ms p95 %.2f ms p99 %.2f ms max %.2f ms%n",
                turns.length, turns.length / (double) seconds, ms(pct(turns, 50)), p95, ms(pct(turns, 99)),
                ms(turns.length == 0 ? 0 : turns[turns.length - 1]));
        System.out.printf(Locale.ROOT, "    turns showing the card (credit-service quote): %d, p50 %.2f ms p95 %.2f ms%n",
                card.length, ms(pct(card, 50)), ms(pct(card, 95)));
        System.out.printf(Locale.ROOT, "    other turns (no downstream call):               %d, p50 %.2f ms p95 %.2f ms%n",
                other.length, ms(pct(other, 50)), ms(pct(other, 95)));
        System.out.printf(Locale.ROOT, "  session starts (not in the figures; user-service profile): %d, p50 %.2f ms p95 %.2f ms%n",
                starts.length, ms(pct(starts, 50)), ms(pct(starts, 95)));
        System.out.printf(Locale.ROOT, "  errors: %d measured %s; turns off script: %d; sessions (incl. warm-up): %d%n",
                measuredErrors, errors.isEmpty() ? "" : errors.toString(), offScript, sessions);
        errorSamples.forEach((k, v) -> System.out.printf("  first %s: %s%n", k, v.length() > 300 ? v.substring(0, 300) : v));
        if (!cpu.spec.isEmpty()) {
            System.out.println("  " + cpu.describe(turns.length + starts.length, "request (turn or start)"));
        }
        System.out.printf(Locale.ROOT, "  target p95 <= %.0f ms: %s%n", targetMs, verdict);
        System.out.printf(Locale.ROOT,
                "RESULT clients=%d think_ms=%d seconds=%d turns=%d turns_per_s=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f "
                        + "card_turns=%d card_p50_ms=%.2f card_p95_ms=%.2f other_p50_ms=%.2f other_p95_ms=%.2f "
                        + "starts=%d start_p50_ms=%.2f start_p95_ms=%.2f errors=%d off_script=%d requests_total=%d target_ms=%.0f verdict=%s%s%n",
                clients, thinkMs, seconds, turns.length, turns.length / (double) seconds, ms(pct(turns, 50)), p95, ms(pct(turns, 99)),
                ms(turns.length == 0 ? 0 : turns[turns.length - 1]), card.length, ms(pct(card, 50)), ms(pct(card, 95)),
                ms(pct(other, 50)), ms(pct(other, 95)), starts.length, ms(pct(starts, 50)), ms(pct(starts, 95)),
                measuredErrors, offScript, requests, targetMs, verdict, cpu.result(turns.length + starts.length));
    }

    /** One session: start, then the script; a turn that starts and ends inside the window is a sample. */
    static void session(HttpClient http, String url, String token, ClientStats s, long measureFrom, long end, long thinkMs,
            Map<String, AtomicLong> errors, Map<String, String> errorSamples, Map<String, String> walk)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<String> started = post(http, url + "/api/v1/conversation/start", token, "{\"content_type\":\"ritual\"}");
        long t1 = System.nanoTime();
        if (started.statusCode() != 201) {
            error(errors, errorSamples, "start " + started.statusCode(), started.body(), t0 >= measureFrom);
            return;
        }
        if (t0 >= measureFrom && t1 <= end) {
            s.starts.add(t1 - t0);
        }
        s.sessions++;
        s.requests++;
        String sessionId = find(SESSION, started.body());
        StringBuilder states = new StringBuilder();
        for (String[] turn : SCRIPT) {
            if (thinkMs > 0) {
                Thread.sleep(thinkMs);
            }
            long a = System.nanoTime();
            if (a >= end) {
                return;
            }
            HttpResponse<String> r = post(http, url + "/api/v1/conversation/message", token,
                    "{\"session_id\":\"" + sessionId + "\",\"message\":\"" + turn[0] + "\"}");
            long b = System.nanoTime();
            boolean measured = a >= measureFrom && b <= end;
            if (r.statusCode() != 200) {
                error(errors, errorSamples, "message " + r.statusCode(), r.body(), a >= measureFrom);
                return;
            }
            s.requests++;
            String state = find(STATE, r.body());
            boolean showsCard = r.body().contains("\"summary\":{");
            states.append(states.isEmpty() ? "" : " -> ").append('"').append(turn[0]).append("\" ").append(state)
                    .append(showsCard ? " (card)" : "");
            if (turn[1] != null && !turn[1].equals(state)) {
                s.offScript++;
            }
            if (measured) {
                s.turns.add(b - a);
                (showsCard ? s.card : s.other).add(b - a);
            }
        }
        walk.putIfAbsent("walk", states.toString());
    }

    static HttpResponse<String> post(HttpClient http, String url, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String find(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + body);
        }
        return m.group(1);
    }

    static long[] merge(ClientStats[] stats, java.util.function.Function<ClientStats, Samples> which) {
        int total = 0;
        for (ClientStats s : stats) {
            total += which.apply(s).n;
        }
        long[] all = new long[total];
        int at = 0;
        for (ClientStats s : stats) {
            Samples x = which.apply(s);
            System.arraycopy(x.v, 0, all, at, x.n);
            at += x.n;
        }
        Arrays.sort(all);
        return all;
    }

    static void error(Map<String, AtomicLong> errors, Map<String, String> samples, String kind, String body, boolean measured) {
        errors.computeIfAbsent((measured ? "measured " : "warm-up ") + kind, k -> new AtomicLong()).incrementAndGet();
        samples.putIfAbsent(kind, body == null ? "" : body);
    }

    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /**
     * CPU time of named processes between two moments (Linux /proc), to report CPU ms per operation for the
     * measured window only (no start-up or JIT warm-up in it). A spec is "name=pid[+pid...]"; the name
     * "postgres" with no pid means every postgres process, plus what the postmaster collected from exited
     * backends (it also counts anybody else's queries). Also the share of all cores in use (busy).
     */
    static final class Cpu {
        static final double TICK_MS = 1000.0 / Integer.getInteger("clk.tck", 100);
        final Map<String, String> spec = new java.util.LinkedHashMap<>();
        Map<String, Long> from;
        long[] machineFrom;
        Map<String, Long> to;
        long[] machineTo;

        Cpu(String specs) {
            if (specs != null && !specs.isBlank()) {
                for (String s : specs.split(",")) {
                    String[] kv = s.split("=", 2);
                    spec.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
        }

        void start() {
            from = sample();
            machineFrom = machine();
        }

        void stop() {
            to = sample();
            machineTo = machine();
        }

        /** CPU ms per operation for each name, in spec order. */
        Map<String, Double> perOp(long ops) {
            Map<String, Double> out = new java.util.LinkedHashMap<>();
            for (String name : spec.keySet()) {
                out.put(name, from == null || to == null || ops == 0 ? Double.NaN : (to.get(name) - from.get(name)) * TICK_MS / ops);
            }
            return out;
        }

        double busyPercent() {
            if (machineFrom == null || machineTo == null || machineTo[1] == machineFrom[1]) {
                return Double.NaN;
            }
            return 100.0 * (machineTo[0] - machineFrom[0]) / (machineTo[1] - machineFrom[1]);
        }

        Map<String, Long> sample() {
            Map<String, Long> out = new java.util.LinkedHashMap<>();
            spec.forEach((name, pids) -> {
                long t = 0;
                if (pids.isEmpty() && name.equals("postgres")) {
                    t = postgres();
                } else {
                    for (String pid : pids.split("\\+")) {
                        long[] f = stat(pid);
                        t += f == null ? 0 : f[2] + f[3];
                    }
                }
                out.put(name, t);
            });
            return out;
        }

        static long postgres() {
            long t = 0;
            java.io.File[] procs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
            for (java.io.File p : procs == null ? new java.io.File[0] : procs) {
                if (!"postgres".equals(comm(p.getName()))) {
                    continue;
                }
                long[] f = stat(p.getName());
                if (f == null) {
                    continue;
                }
                t += f[2] + f[3];
                if (!"postgres".equals(comm(Long.toString(f[1])))) { // the postmaster: add its reaped children
                    t += f[4] + f[5];
                }
            }
            return t;
        }

        static String comm(String pid) {
            try {
                return Files.readString(Path.of("/proc", pid, "comm")).trim();
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** {state, ppid, utime, stime, cutime, cstime} of /proc/PID/stat, or null. */
        static long[] stat(String pid) {
            try {
                String s = Files.readString(Path.of("/proc", pid, "stat"));
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                return new long[] { 0, Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                        Long.parseLong(f[13]), Long.parseLong(f[14]) };
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** {busy, total} jiffies of all cores. */
        static long[] machine() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                long total = 0;
                for (int i = 1; i <= 8 && i < f.length; i++) {
                    long v = Long.parseLong(f[i]);
                    total += v;
                    if (i != 4 && i != 5) { // idle, iowait
                        busy += v;
                    }
                }
                return new long[] { busy, total };
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** Runs start() at {@code fromNanos} and stop() at {@code toNanos} (System.nanoTime), on a virtual thread. */
        Thread schedule(long fromNanos, long toNanos) {
            return Thread.ofVirtual().start(() -> {
                try {
                    sleepUntil(fromNanos);
                    start();
                    sleepUntil(toNanos);
                    stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        static void sleepUntil(long nanos) throws InterruptedException {
            long wait = nanos - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }

        String describe(long ops, String unit) {
            StringBuilder b = new StringBuilder();
            perOp(ops).forEach((name, ms) -> b.append(b.isEmpty() ? "" : ", ").append(name).append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", ms)));
            return b.isEmpty() ? "" : "CPU ms per " + unit + " in the measured window: " + b
                    + String.format(Locale.ROOT, "; all cores busy %.0f%%", busyPercent());
        }

        String result(long ops) {
            StringBuilder b = new StringBuilder();
            perOp(ops).forEach((name, ms) -> b.append(String.format(Locale.ROOT, " cpu_%s=%.2f", name, ms)));
            return b + String.format(Locale.ROOT, " busy_pct=%.0f", busyPercent());
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --name value ...; got " + args[i]);
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        return opt;
    }
}
