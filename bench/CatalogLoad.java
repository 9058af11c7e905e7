import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Search load on the catalog through the gateway, open loop (the pacing, latency accounting and report of
 * {@link LibraryLoad}, from the same folder): latency from the moment each request was due, so a stall shows in the
 * percentiles (no coordinated omission).
 *
 * <p>Phases: (1) "warm": --warm-queries searches (words of --words, one or two per query, some with a filter), each
 * read once first so Redis holds its page ({@code search:{hash}}), a closed-loop warm-up of --warmup seconds, then
 * --seconds at --rate over them; (2) "uncached": --seconds at --rate where every request is a query never asked
 * before (two words and a page no other request uses), so each one reaches Elasticsearch and PostgreSQL.
 *
 * <pre>java bench/CatalogLoad.java --url http://127.0.0.1:24280 --token JWT --words words.txt</pre>
 * Options: --rate (200/s) --seconds (30) --warmup (20) --warm-queries (300) --warm-target-ms (20)
 * --uncached-target-ms (60). The last lines are machine-readable: {@code RESULT phase=... key=value ...}.
 */
public class CatalogLoad extends LoadSupport {

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        String url = opt.getOrDefault("url", "http://127.0.0.1:24280");
        String token = opt.get("token");
        List<String> words = Files.readAllLines(Path.of(opt.getOrDefault("words", "words.txt"))).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        int rate = Integer.parseInt(opt.getOrDefault("rate", "200"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "20"));
        int warmQueries = Integer.parseInt(opt.getOrDefault("warm-queries", "300"));
        double warmTarget = Double.parseDouble(opt.getOrDefault("warm-target-ms", "20"));
        double uncachedTarget = Double.parseDouble(opt.getOrDefault("uncached-target-ms", "60"));
        if (token == null || words.size() < 10) {
            throw new IllegalArgumentException("--token and a --words file of at least 10 words are required");
        }
        ThreadLocal<Wire> http = ThreadLocal.withInitial(() -> new Wire(url));
        String[] filters = { "", "&price_type=free", "&price_type=one_time", "&tags=" + words.get(0) };
        List<String> warm = new ArrayList<>();
        for (int i = 0; i < warmQueries; i++) {
            String q = words.get(i % words.size()) + (i % 3 == 0 ? "+" + words.get((i * 7 + 3) % words.size()) : "");
            warm.add("/api/v1/catalog/packs?search=" + q + filters[i % filters.length]);
        }
        long fillErrors = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> done = new ArrayList<>();
            for (String path : warm) {
                done.add(pool.submit(() -> http.get().get(path, token).status()));
            }
            for (var f : done) {
                if (f.get() != 200) {
                    fillErrors++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "  cache fill: %d searches, %d errors%n", warm.size(), fillErrors);
        IntFunction<String> cached = i -> warm.get(i % warm.size());
        LibraryLoad.Result capacity = LibraryLoad.closed(http, token, cached, 4, warmup);
        LibraryLoad.report("warm-cap", capacity, 0, Double.NaN);
        Thread.sleep(2000);
        Map<String, Integer> pids = pids(opt.getOrDefault("pids", ""));
        Map<String, Long> ticks = ticks(pids);
        java.time.Instant from = java.time.Instant.now();
        LibraryLoad.Result warmRun = LibraryLoad.paced(http, token, cached, rate, seconds);
        System.out.printf(Locale.ROOT, "  warm phase: %s .. %s (UTC, to match a profile)%n", from, java.time.Instant.now());
        cpu("warm", pids, ticks, warmRun);
        LibraryLoad.report("warm", warmRun, rate, warmTarget);

        // never-asked queries: word pairs with a page number no other request uses (each a new cache key)
        int n = words.size();
        IntFunction<String> distinct = i -> "/api/v1/catalog/packs?search=" + words.get(i % n) + "+"
                + words.get((i / n) % n) + "&page=" + (1 + i / (n * n));
        // JIT warm-up of the uncached path on queries the measured phase never asks (indices far beyond it)
        int offset = rate * seconds * 4;
        LibraryLoad.closed(http, token, i -> distinct.apply(offset + i), 4, Math.max(5, warmup / 2));
        Thread.sleep(2000);
        ticks = ticks(pids);
        from = java.time.Instant.now();
        LibraryLoad.Result uncachedRun = LibraryLoad.paced(http, token, distinct, rate, seconds);
        System.out.printf(Locale.ROOT, "  uncached phase: %s .. %s (UTC)%n", from, java.time.Instant.now());
        cpu("uncached", pids, ticks, uncachedRun);
        LibraryLoad.report("uncached", uncachedRun, rate, uncachedTarget);
    }

    /** --pids name=pid,...: the processes whose CPU per request a phase reports. */
    static Map<String, Integer> pids(String spec) {
        Map<String, Integer> pids = new java.util.LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.split("=");
            if (kv.length == 2 && !kv[1].isBlank()) {
                pids.put(kv[0], Integer.parseInt(kv[1].strip()));
            }
        }
        return pids;
    }

    /** user + system CPU clock ticks (1/100 s on Linux) of each process, from /proc/{pid}/stat. */
    static Map<String, Long> ticks(Map<String, Integer> pids) {
        Map<String, Long> ticks = new java.util.LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(name, Long.parseLong(f[11]) + Long.parseLong(f[12])); // fields 14 and 15 of stat
            } catch (Exception e) {
                ticks.put(name, -1L);
            }
        });
        return ticks;
    }

    static void cpu(String phase, Map<String, Integer> pids, Map<String, Long> before, LibraryLoad.Result r) {
        if (pids.isEmpty()) {
            return;
        }
        long requests = Math.max(1, r.ok() + r.errors());
        StringBuilder line = new StringBuilder();
        ticks(pids).forEach((name, after) -> line.append(String.format(Locale.ROOT, " %s %.2f ms", name,
                (after - before.get(name)) * 10.0 / requests)));
        System.out.printf(Locale.ROOT, "  %s CPU per request:%s%n", phase, line);
    }
}
