import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Read load on the library through the gateway, open loop: requests are due at a fixed rate whatever the
 * answers do (handed to a pool of {@value #SENDERS} threads, each with its own keep-alive connection,
 * {@link LoadSupport.Wire}), and each latency is measured from the moment the request was due, so a stall (or a
 * request waiting for a free sender) shows in the percentiles instead of slowing the load down (no coordinated
 * omission).
 *
 * <p>Phases: (1) GET /api/v1/content/{id} - every id of --ids once (fills the Redis cache), a closed-loop warm-up of
 * --warmup seconds with 4 clients back to back (reported as "warm-cap": the stack's capacity on this machine, with
 * service latencies), a 2 s pause, then --seconds at --rate; (2) GET /api/v1/content?page=P&limit=20 with random
 * pages, then the same with limit=100, each --list-warmup (closed loop) + --list-seconds at --list-rate.
 *
 * <p>Dependency-free, JDK 22+ source launch (compiles bench/LoadSupport.java from the same folder too):
 * <pre>java bench/LibraryLoad.java --url http://127.0.0.1:18080 --token JWT --ids ids.txt --total 10000</pre>
 * Options: --rate (500/s) --seconds (30) --warmup (10) --list-rate (50/s) --list-seconds (15) --list-warmup (5)
 * --total (items of the person, for the page range) --target-ms (10, the detail p95 target: printed, never asserted).
 * The last lines are machine-readable: {@code RESULT phase=... key=value ...}.
 */
public class LibraryLoad extends LoadSupport {

    /** Concurrent connections of the paced phases: far more than 500 req/s at a few ms each keeps busy. */
    static final int SENDERS = Integer.getInteger("senders", 64);

    record Result(long[] latenciesMicros, long ok, long errors, double seconds, Map<String, Long> errorKinds) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        String url = opt.getOrDefault("url", "http://127.0.0.1:18080");
        String token = opt.get("token");
        List<String> ids = Files.readAllLines(Path.of(opt.getOrDefault("ids", "ids.txt"))).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        int rate = Integer.parseInt(opt.getOrDefault("rate", "500"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "10"));
        int listRate = Integer.parseInt(opt.getOrDefault("list-rate", "50"));
        int listSeconds = Integer.parseInt(opt.getOrDefault("list-seconds", "15"));
        int listWarmup = Integer.parseInt(opt.getOrDefault("list-warmup", "5"));
        int total = Integer.parseInt(opt.getOrDefault("total", "10000"));
        double target = Double.parseDouble(opt.getOrDefault("target-ms", "10"));
        if (token == null || ids.isEmpty()) {
            throw new IllegalArgumentException("--token and a non-empty --ids file are required");
        }
        ThreadLocal<Wire> http = ThreadLocal.withInitial(() -> new Wire(url));

        // fill the cache: one read of every id, 8 at a time
        long fillErrors = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> done = new ArrayList<>();
            for (String id : ids) {
                done.add(pool.submit(() -> http.get().get("/api/v1/content/" + id, token).status()));
            }
            for (var f : done) {
                if (f.get() != 200) {
                    fillErrors++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "  cache fill: %d detail reads, %d errors%n", ids.size(), fillErrors);

        IntFunction<String> detail = i -> "/api/v1/content/" + ids.get(i % ids.size());
        // warm-up closed loop (4 clients back to back: the JVMs compile their hot paths without a backlog building
        // up), which also shows the capacity of the stack on this machine; then a pause for the queues to drain
        Cpu cpu = new Cpu(opt.get("cpu"));
        Cpu.Snapshot before = cpu.snap();
        Result capacity = closed(http, token, detail, 4, warmup);
        Cpu.Window window = cpu.between(before, cpu.snap());
        report("warm-cap", capacity, 0, Double.NaN);
        if (!cpu.spec.isEmpty()) {
            // a read that waits shows little CPU per read at this rate; a read that computes shows ~2 cores / rate
            System.out.println("    warm-cap " + window.describe(capacity.ok() + capacity.errors(), "read"));
        }
        Thread.sleep(2000);
        Result d = paced(http, token, detail, rate, seconds);
        report("detail", d, rate, target);

        for (int limit : new int[] { 20, 100 }) {
            int pages = Math.max(1, (total + limit - 1) / limit);
            IntFunction<String> list = i -> "/api/v1/content?limit=" + limit + "&page="
                    + (1 + ThreadLocalRandom.current().nextInt(pages));
            closed(http, token, list, 4, listWarmup);
            Thread.sleep(1000);
            report("list_" + limit, paced(http, token, list, listRate, listSeconds), listRate, Double.NaN);
        }
    }

    static Result paced(ThreadLocal<Wire> http, String token, IntFunction<String> target, int rate, int seconds) throws Exception {
        int n = rate * seconds;
        long[] latencies = new long[n];
        long[] dispatch = new long[n]; // due -> a sender starts writing: the client's own share of the latency
        Arrays.fill(latencies, -1);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentHashMap<String, Long> kinds = new ConcurrentHashMap<>();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        try (ExecutorService threads = Executors.newFixedThreadPool(SENDERS)) {
            for (int i = 0; i < n; i++) {
                long due = start + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                String path = target.apply(i);
                threads.submit(() -> {
                    dispatch[index] = (System.nanoTime() - due) / 1000;
                    try {
                        Wire.Response r = http.get().get(path, token);
                        if (r.status() == 200) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                            kinds.merge("HTTP " + r.status(), 1L, Long::sum);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        kinds.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                    }
                    latencies[index] = (System.nanoTime() - due) / 1000;
                });
            }
            threads.shutdown();
            threads.awaitTermination(60, TimeUnit.SECONDS);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] d = Arrays.stream(dispatch).sorted().toArray();
        System.out.printf(Locale.ROOT, "    (client dispatch delay, due -> sender writing: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms)%n",
                percentile(d, 50), percentile(d, 95), percentile(d, 99));
        return new Result(Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray(), ok.get(), errors.get(), elapsed,
                new TreeMap<>(kinds));
    }

    /** {@code clients} loops sending back to back for {@code seconds}: throughput and service latency. */
    static Result closed(ThreadLocal<Wire> http, String token, IntFunction<String> target, int clients, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong counter = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        try {
                            if (http.get().get(target.apply((int) counter.getAndIncrement()), token).status() == 200) {
                                ok.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        latencies.add((System.nanoTime() - t) / 1000);
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(latencies.stream().mapToLong(Long::longValue).sorted().toArray(), ok.get(), errors.get(), elapsed,
                Map.of());
    }

    /** In ms, of sorted microseconds; NaN when there are none. */
    static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : pct(sorted, p) / 1000.0;
    }

    static void report(String phase, Result r, int rate, double targetMs) {
        double p50 = percentile(r.latenciesMicros(), 50);
        double p95 = percentile(r.latenciesMicros(), 95);
        double p99 = percentile(r.latenciesMicros(), 99);
        double max = percentile(r.latenciesMicros(), 100);
        String verdict = Double.isNaN(targetMs) ? "-" : p95 <= targetMs ? "PASS" : "MISS";
        System.out.printf(Locale.ROOT, "  %-9s %5d req/s offered, %7.1f req/s answered: p50 %6.2f ms, p95 %6.2f ms, p99 %6.2f ms,"
                + " max %7.2f ms, %d errors%n", phase, rate, (r.ok() + r.errors()) / r.seconds(), p50, p95, p99, max, r.errors());
        if (!r.errorKinds().isEmpty()) {
            System.out.printf(Locale.ROOT, "  %-9s errors by kind: %s%n", phase, r.errorKinds());
        }
        System.out.printf(Locale.ROOT, "RESULT phase=%s rate=%d answered_per_s=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f"
                + " ok=%d errors=%d verdict=%s%n", phase, rate, (r.ok() + r.errors()) / r.seconds(), p50, p95, p99, max, r.ok(),
                r.errors(), verdict);
    }
}
