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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for credit-service's internal API (issue #5): N concurrent clients, each one looping
 * "place a hold for a fresh job id, then capture it" for a warm-up period and then for D measured seconds.
 * Prints pairs/s, p50/p99 of a pair (hold + capture, client side), the same for each call, and the errors.
 *
 * <p>Dependency-free, JDK 21+ single-file launch:
 * <pre>BENCH_SERVICE_TOKEN=... java bench/LedgerLoad.java --url http://127.0.0.1:18086 --clients 16 --seconds 15</pre>
 * Options: --url, --clients N (16), --seconds D (15), --warmup W (5), --users many|hot (many: one account per
 * client; hot: every client on one account), --grant C (credits granted to each account first, 1000000),
 * --users-out FILE (the account ids, one a line, for the invariant check), --label TEXT, --cpu SPECS (processes whose
 * CPU time per pair in the measured window is reported, e.g. {@code credit-service=1234,postgres}; see {@link Cpu}).
 * The service token comes from the environment (BENCH_SERVICE_TOKEN), not the command line.
 * The last line is machine-readable: {@code RESULT key=value ...}.
 */
public class LedgerLoad {

    static final class ClientStats {
        long[] pair = new long[1 << 14];
        long[] hold = new long[1 << 14];
        long[] capture = new long[1 << 14];
        int n;
        long okPairsTotal;   // including warm-up: every pair whose capture answered 200

        void add(long p, long h, long c) {
            if (n == pair.length) {
                pair = Arrays.copyOf(pair, n * 2);
                hold = Arrays.copyOf(hold, n * 2);
                capture = Arrays.copyOf(capture, n * 2);
            }
            pair[n] = p;
            hold[n] = h;
            capture[n] = c;
            n++;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        String url = opt.getOrDefault("url", "http://127.0.0.1:18086");
        int clients = Integer.parseInt(opt.getOrDefault("clients", "16"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "15"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "5"));
        boolean hot = "hot".equals(opt.getOrDefault("users", "many"));
        int grant = Integer.parseInt(opt.getOrDefault("grant", "1000000"));
        String label = opt.getOrDefault("label", hot ? "hot" : "many");
        String token = System.getenv("BENCH_SERVICE_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("set BENCH_SERVICE_TOKEN to a service token");
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Api api = new Api(http, url, token);

        // accounts: one per client (throughput across people) or a single hot one (one row lock for everybody)
        String run = Long.toString(System.currentTimeMillis(), 36);
        UUID[] users = new UUID[hot ? 1 : clients];
        for (int i = 0; i < users.length; i++) {
            users[i] = UUID.randomUUID();
            HttpResponse<String> r = api.post("/internal/credits/grants", String.format(Locale.ROOT,
                    "{\"user_id\":\"%s\",\"amount\":%d,\"reason\":\"bench credit-ledger\",\"idempotency_key\":\"bench-%s-%d\"}",
                    users[i], grant, run, i));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("grant answered " + r.statusCode() + ": " + r.body());
            }
        }
        if (opt.containsKey("users-out")) {
            List<String> lines = new ArrayList<>();
            for (UUID u : users) {
                lines.add(u.toString());
            }
            Files.write(Path.of(opt.get("users-out")), lines);
        }

        ClientStats[] stats = new ClientStats[clients];
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        Map<String, String> errorSamples = new ConcurrentHashMap<>();
        AtomicLong holdsOk = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(clients);
        Cpu cpu = new Cpu(opt.get("cpu"));
        Thread sampler = cpu.schedule(measureFrom, end);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                ClientStats s = stats[c] = new ClientStats();
                UUID user = users[hot ? 0 : c];
                pool.submit(() -> {
                    try {
                        for (long t0 = System.nanoTime(); t0 < end; t0 = System.nanoTime()) {
                            boolean measured = t0 >= measureFrom;
                            try {
                                onePair(api, user, s, t0, measured, end, holdsOk, errors, errorSamples);
                            } catch (IOException e) { // a timeout or a refused connection: counted, the client goes on
                                error(errors, errorSamples, "exception " + e.getClass().getSimpleName(),
                                        String.valueOf(e.getMessage()), measured);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
        }
        sampler.join();

        int total = 0;
        long okTotal = 0;
        for (ClientStats s : stats) {
            total += s.n;
            okTotal += s.okPairsTotal;
        }
        long[] pair = new long[total];
        long[] hold = new long[total];
        long[] capture = new long[total];
        int at = 0;
        for (ClientStats s : stats) {
            System.arraycopy(s.pair, 0, pair, at, s.n);
            System.arraycopy(s.hold, 0, hold, at, s.n);
            System.arraycopy(s.capture, 0, capture, at, s.n);
            at += s.n;
        }
        Arrays.sort(pair);
        Arrays.sort(hold);
        Arrays.sort(capture);
        long measuredErrors = errors.entrySet().stream().filter(e -> e.getKey().startsWith("measured "))
                .mapToLong(e -> e.getValue().get()).sum();
        long allErrors = errors.values().stream().mapToLong(AtomicLong::get).sum();
        double pairsPerSecond = total / (double) seconds;

        System.out.printf(Locale.ROOT, "%s: %d clients on %d account(s), warm-up %d s, measured %d s%n", label, clients,
                users.length, warmup, seconds);
        System.out.printf(Locale.ROOT, "  pairs/s %.1f (%d pairs); pair p50 %.2f ms p99 %.2f ms max %.2f ms%n", pairsPerSecond,
                total, ms(pct(pair, 50)), ms(pct(pair, 99)), ms(total == 0 ? 0 : pair[total - 1]));
        System.out.printf(Locale.ROOT, "  hold p50 %.2f ms p99 %.2f ms; capture p50 %.2f ms p99 %.2f ms%n", ms(pct(hold, 50)),
                ms(pct(hold, 99)), ms(pct(capture, 50)), ms(pct(capture, 99)));
        System.out.printf(Locale.ROOT, "  errors: %d measured, %d in all %s%n", measuredErrors, allErrors,
                errors.isEmpty() ? "" : errors.toString());
        errorSamples.forEach((k, v) -> System.out.printf("  first %s: %s%n", k, v.length() > 300 ? v.substring(0, 300) : v));
        if (!cpu.spec.isEmpty()) {
            System.out.println("  " + cpu.describe(total, "pair"));
        }
        System.out.printf(Locale.ROOT,
                "RESULT label=%s clients=%d accounts=%d seconds=%d pairs=%d pairs_per_s=%.1f p50_ms=%.2f p99_ms=%.2f "
                        + "hold_p50_ms=%.2f capture_p50_ms=%.2f errors=%d errors_all=%d ok_pairs_total=%d holds_ok_total=%d%s%n",
                label, clients, users.length, seconds, total, pairsPerSecond, ms(pct(pair, 50)), ms(pct(pair, 99)),
                ms(pct(hold, 50)), ms(pct(capture, 50)), measuredErrors, allErrors, okTotal, holdsOk.get(), cpu.result(total));
    }

    /** Hold for a fresh job id, then capture it; a pair that starts and ends inside the window is a sample. */
    static void onePair(Api api, UUID user, ClientStats s, long t0, boolean measured, long end, AtomicLong holdsOk,
            Map<String, AtomicLong> errors, Map<String, String> errorSamples) throws IOException, InterruptedException {
        UUID job = UUID.randomUUID();
        HttpResponse<String> h = api.post("/internal/credits/holds", String.format(Locale.ROOT,
                "{\"job_id\":\"%s\",\"user_id\":\"%s\",\"amount\":1,\"content_type\":\"ritual\"}", job, user));
        long t1 = System.nanoTime();
        if (h.statusCode() != 201) {
            error(errors, errorSamples, "hold " + h.statusCode(), h.body(), measured);
            return;
        }
        holdsOk.incrementAndGet();
        HttpResponse<String> c = api.post("/internal/credits/holds/" + job + "/capture", "");
        long t2 = System.nanoTime();
        if (c.statusCode() != 200) {
            error(errors, errorSamples, "capture " + c.statusCode(), c.body(), measured);
            return;
        }
        s.okPairsTotal++;
        if (measured && t2 <= end) {
            s.add(t2 - t0, t1 - t0, t2 - t1);
        }
    }

    static void error(Map<String, AtomicLong> errors, Map<String, String> samples, String kind, String body, boolean measured) {
        String key = (measured ? "measured " : "warm-up ") + kind;
        errors.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
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

    record Api(HttpClient http, String base, String token) {
        HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
