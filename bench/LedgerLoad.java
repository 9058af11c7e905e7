import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for credit-service's internal API: N concurrent clients, each one looping "place a hold for a
 * fresh job id, then capture it", first to warm the service up, then for D measured seconds. Prints pairs/s,
 * p50/p99 of a pair (hold + capture, client side) and of each call, the errors, and (with --cpu) the CPU time
 * the named processes spent per pair in the measured window.
 *
 * <p>Dependency-free, JDK 22+ source launch (compiles bench/LoadSupport.java from the same folder too):
 * <pre>BENCH_SERVICE_TOKEN=... java bench/LedgerLoad.java --url http://127.0.0.1:18086 --clients 16 --seconds 12</pre>
 * Options: --url, --clients N (16), --seconds D (12), --warmup W (3: at least W seconds of warm-up),
 * --warmup-max M (W: with M > W the warm-up goes on in 5 s windows until the CPU per pair of the --cpu processes,
 * the load client excepted, stops falling, at most M seconds), --users many|hot (many: one account per client;
 * hot: every client on one account), --grant C (credits granted to each account first, 1000000), --users-out FILE
 * (the account ids, one a line, for the invariant check), --label TEXT, --cpu SPECS (e.g.
 * {@code credit=1234,postgres,client=self}; see {@link Cpu}).
 * The service tokens come from the environment, not the command line: BENCH_SERVICE_TOKEN (content-generation-service's,
 * for holds and captures) and BENCH_GRANT_TOKEN (the operator's, for the grants that fund them).
 * The last line is machine-readable: {@code RESULT key=value ...}.
 */
public class LedgerLoad extends LoadSupport {

    static final int WARMUP = 0;
    static final int MEASURED = 1;
    static final int DONE = 2;

    static final class ClientStats {
        long[] pair = new long[1 << 14];
        long[] hold = new long[1 << 14];
        long[] capture = new long[1 << 14];
        int n;
        long okPairsTotal;   // warm-up included: every pair whose capture answered 200

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

    static volatile int phase = WARMUP;

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        String url = opt.getOrDefault("url", "http://127.0.0.1:18086");
        int clients = Integer.parseInt(opt.getOrDefault("clients", "16"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "12"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "3"));
        int warmupMax = Math.max(warmup, Integer.parseInt(opt.getOrDefault("warmup-max", Integer.toString(warmup))));
        boolean hot = "hot".equals(opt.getOrDefault("users", "many"));
        int grant = Integer.parseInt(opt.getOrDefault("grant", "1000000"));
        String label = opt.getOrDefault("label", hot ? "hot" : "many");
        String token = System.getenv("BENCH_SERVICE_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("set BENCH_SERVICE_TOKEN to a service token");
        }
        Cpu cpu = new Cpu(opt.get("cpu"));

        // the grants that fund the holds are the operator's (content-generation-service may only hold/capture/release)
        String grantToken = System.getenv().getOrDefault("BENCH_GRANT_TOKEN", token);
        Api api = new Api(httpClient(), url, token);
        Api grants = new Api(api.http(), url, grantToken);

        // accounts: one per client (throughput across people) or a single hot one (one row lock for everybody)
        String run = Long.toString(System.currentTimeMillis(), 36);
        UUID[] users = new UUID[hot ? 1 : clients];
        for (int i = 0; i < users.length; i++) {
            users[i] = UUID.randomUUID();
            HttpResponse<String> r = grants.post("/internal/credits/grants", String.format(Locale.ROOT,
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
        AtomicLong pairsDone = new AtomicLong();   // every successful pair, for the warm-up windows
        Cpu.Window measured;
        List<String> warmupLog = new ArrayList<>();
        long measuredNanos;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                ClientStats s = stats[c] = new ClientStats();
                UUID user = users[hot ? 0 : c];
                pool.submit(() -> {
                    try {
                        while (phase != DONE) {
                            int at = phase;
                            try {
                                onePair(api, user, s, at, holdsOk, pairsDone, errors, errorSamples);
                            } catch (IOException e) { // a timeout or a refused connection: counted, the client goes on
                                error(errors, errorSamples, "exception " + e.getClass().getSimpleName(),
                                        String.valueOf(e.getMessage()), at == MEASURED);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            // the controller: warm-up windows, then the measured window
            warmupLog.addAll(cpu.warmUp(warmup, warmupMax, pairsDone, "pair"));
            Cpu.Snapshot from = cpu.snap();
            long t0 = System.nanoTime();
            phase = MEASURED;
            Thread.sleep(seconds * 1000L);
            phase = DONE;
            measuredNanos = System.nanoTime() - t0;
            measured = cpu.between(from, cpu.snap());
        }

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
        double measuredSeconds = measuredNanos / 1e9;
        double pairsPerSecond = total / measuredSeconds;

        System.out.printf(Locale.ROOT, "%s: %d clients on %d account(s), warm-up %s, measured %.1f s%n", label, clients,
                users.length, warmupLog.isEmpty() ? "none" : warmupLog.size() + " window(s)", measuredSeconds);
        warmupLog.forEach(l -> System.out.println("  warm-up " + l));
        System.out.printf(Locale.ROOT, "  pairs/s %.1f (%d pairs); pair p50 %.2f ms p99 %.2f ms max %.2f ms%n", pairsPerSecond,
                total, ms(pct(pair, 50)), ms(pct(pair, 99)), ms(total == 0 ? 0 : pair[total - 1]));
        System.out.printf(Locale.ROOT, "  hold p50 %.2f ms p99 %.2f ms; capture p50 %.2f ms p99 %.2f ms%n", ms(pct(hold, 50)),
                ms(pct(hold, 99)), ms(pct(capture, 50)), ms(pct(capture, 99)));
        System.out.printf(Locale.ROOT, "  errors: %d measured, %d in all %s%n", measuredErrors, allErrors,
                errors.isEmpty() ? "" : errors.toString());
        printErrorSamples(errorSamples);
        if (!cpu.spec.isEmpty()) {
            System.out.println("  " + measured.describe(total, "pair"));
        }
        System.out.printf(Locale.ROOT,
                "RESULT label=%s clients=%d accounts=%d seconds=%.1f pairs=%d pairs_per_s=%.1f p50_ms=%.2f p99_ms=%.2f "
                        + "hold_p50_ms=%.2f capture_p50_ms=%.2f errors=%d errors_all=%d ok_pairs_total=%d holds_ok_total=%d "
                        + "warmup_windows=%d%s%n",
                label, clients, users.length, measuredSeconds, total, pairsPerSecond, ms(pct(pair, 50)), ms(pct(pair, 99)),
                ms(pct(hold, 50)), ms(pct(capture, 50)), measuredErrors, allErrors, okTotal, holdsOk.get(), warmupLog.size(),
                measured.result(total));
    }

    /** Hold for a fresh job id, then capture it; a pair that starts and ends in the measured window is a sample. */
    static void onePair(Api api, UUID user, ClientStats s, int startPhase, AtomicLong holdsOk, AtomicLong pairsDone,
            Map<String, AtomicLong> errors, Map<String, String> errorSamples) throws IOException, InterruptedException {
        boolean measured = startPhase == MEASURED;
        UUID job = UUID.randomUUID();
        long t0 = System.nanoTime();
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
        pairsDone.incrementAndGet();
        if (measured && phase == MEASURED) {
            s.add(t2 - t0, t1 - t0, t2 - t1);
        }
    }

    static void error(Map<String, AtomicLong> errors, Map<String, String> samples, String kind, String body, boolean measured) {
        countError(errors, samples, measured ? "measured" : "warm-up", kind, body);
    }

    record Api(HttpClient http, String base, String token) {
        HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
            return LoadSupport.post(http, base + path, token, json);
        }
    }
}
