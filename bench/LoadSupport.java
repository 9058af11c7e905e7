import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the load clients (ConversationLoad, LedgerLoad, LibraryLoad) share: option parsing, the HTTP client and a
 * JSON POST, error counting, percentiles, and the CPU accounting of named processes ({@link Cpu}).
 *
 * <p>Not a program of its own: the clients extend it (so its static members read as their own) and the JDK's
 * source launcher (JDK 22+, JEP 458) compiles it from the same folder, e.g. {@code java bench/LedgerLoad.java ...}.
 */
abstract class LoadSupport {

    /** {@code --name value} pairs; anything else is a usage error. */
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

    /** HTTP/1.1 (a pool of keep-alive connections, as a browser or a service would use), 5 s to connect. */
    static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** POST of a JSON body, 10 s timeout; with a bearer token unless {@code token} is null. */
    static HttpResponse<String> post(HttpClient http, String url, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A minimal HTTP/1.1 client on one blocking keep-alive socket, for the measured load: on this 2-core machine the
     * load client's CPU is taken from the services it measures, and java.net.http spends ~1.2 ms of CPU per request
     * (a virtual thread, its selector thread and executor hand-offs) where this spends ~0.1 ms (one write, one read).
     * It sends exactly what a mobile client sends (method, path, Host, bearer token, JSON body) and reads status,
     * headers and a Content-Length or chunked body. Not thread-safe: one per worker thread. After an I/O error the
     * socket is closed and the next request opens a new one.
     */
    static final class Wire implements Closeable {
        record Response(int status, byte[] body) {
            String text() {
                return new String(body, StandardCharsets.UTF_8);
            }
        }

        private final String host;
        private final int port;
        private Socket socket;
        private BufferedInputStream in;
        private OutputStream out;

        Wire(String baseUrl) {
            URI u = URI.create(baseUrl);
            this.host = u.getHost();
            this.port = u.getPort() < 0 ? 80 : u.getPort();
        }

        Response get(String path, String token) throws IOException {
            return send("GET", path, token, null);
        }

        Response post(String path, String token, String json) throws IOException {
            return send("POST", path, token, json);
        }

        Response send(String method, String path, String token, String json) throws IOException {
            byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(host).append(':').append(port).append("\r\nAccept: application/json\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(host, port), 5000);
                    socket.setSoTimeout(10_000);
                    in = new BufferedInputStream(socket.getInputStream(), 16384);
                    out = new BufferedOutputStream(socket.getOutputStream(), 8192);
                }
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
                return read();
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        private Response read() throws IOException {
            String status = line();
            if (!status.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closes = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes((int) size));
                    line();
                }
                while (!line().isEmpty()) { } // trailers
            } else if (length >= 0) {
                body.write(in.readNBytes((int) length));
            } else {
                body.write(in.readAllBytes());
                closes = true;
            }
            if (closes) {
                close();
            }
            return new Response(code, body.toByteArray());
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed by the server");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }

    /** Counts an error as "{@code phase kind}" and keeps the first body of each kind. */
    static void countError(Map<String, AtomicLong> errors, Map<String, String> samples, String phase, String kind,
            String body) {
        errors.computeIfAbsent(phase + " " + kind, k -> new AtomicLong()).incrementAndGet();
        samples.putIfAbsent(kind, body == null ? "" : body);
    }

    /** One line per kind: its first body, cut at 300 characters. */
    static void printErrorSamples(Map<String, String> samples) {
        samples.forEach((k, v) -> System.out.printf("  first %s: %s%n", k, v.length() > 300 ? v.substring(0, 300) : v));
    }

    /** The p-th percentile (nearest rank) of sorted values; 0 when there are none. */
    static long pct(long[] sorted, double p) {
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
     * CPU time of named processes between two moments (Linux /proc), so that CPU per operation covers a measured
     * window only (no start-up, no JIT warm-up). A spec is "name=pid[+pid...]"; "name=self" is this program;
     * "postgres" without a pid is every postgres process plus what the postmaster collected from backends that
     * have exited (so it also counts anybody else's queries). Also the share of all cores in use (busy).
     */
    static final class Cpu {
        static final double TICK_MS = 1000.0 / Integer.getInteger("clk.tck", 100);
        static final int WINDOW_SECONDS = 5;
        final Map<String, String> spec = new LinkedHashMap<>();

        record Snapshot(Map<String, Long> ticks, long[] machine) {
        }

        record Window(Map<String, Long> ticks, double busyPercent) {
            /** CPU ms per operation for each name. */
            Map<String, Double> perOp(long ops) {
                Map<String, Double> out = new LinkedHashMap<>();
                ticks.forEach((name, t) -> out.put(name, ops == 0 ? Double.NaN : t * TICK_MS / ops));
                return out;
            }

            /** CPU ms per operation of every process but the load client ("client"). */
            double serverPerOp(long ops) {
                long t = ticks.entrySet().stream().filter(e -> !e.getKey().equals("client")).mapToLong(Map.Entry::getValue).sum();
                return ops == 0 ? Double.NaN : t * TICK_MS / ops;
            }

            String describe(long ops, String unit) {
                StringBuilder b = new StringBuilder();
                perOp(ops).forEach((name, ms) -> b.append(b.isEmpty() ? "" : ", ").append(name).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", ms)));
                return "CPU ms per " + unit + " in the measured window: " + b
                        + String.format(Locale.ROOT, "; all cores busy %.0f%%", busyPercent);
            }

            String result(long ops) {
                StringBuilder b = new StringBuilder();
                perOp(ops).forEach((name, ms) -> b.append(String.format(Locale.ROOT, " cpu_%s=%.2f", name, ms)));
                return b + String.format(Locale.ROOT, " busy_pct=%.0f", busyPercent);
            }
        }

        Cpu(String specs) {
            if (specs != null && !specs.isBlank()) {
                for (String s : specs.split(",")) {
                    String[] kv = s.split("=", 2);
                    spec.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
        }

        Snapshot snap() {
            Map<String, Long> out = new LinkedHashMap<>();
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
            return new Snapshot(out, machine());
        }

        Window between(Snapshot a, Snapshot b) {
            Map<String, Long> d = new LinkedHashMap<>();
            b.ticks().forEach((name, t) -> d.put(name, t - a.ticks().get(name)));
            double busy = a.machine() == null || b.machine() == null || b.machine()[1] == a.machine()[1] ? Double.NaN
                    : 100.0 * (b.machine()[0] - a.machine()[0]) / (b.machine()[1] - a.machine()[1]);
            return new Window(d, busy);
        }

        /**
         * Warm-up in windows of 5 s (at least {@code min} seconds in all): goes on while a window's server CPU per
         * operation is at least 5 % below the best so far, stops once that has failed twice in a row or after
         * {@code max} seconds. Without --cpu, or with min == max, simply waits {@code min} seconds.
         *
         * @return one line per window
         */
        List<String> warmUp(int min, int max, AtomicLong ops, String unit) throws InterruptedException {
            List<String> lines = new ArrayList<>();
            if (spec.isEmpty() || max <= min) {
                Thread.sleep(min * 1000L);
                if (min > 0) {
                    lines.add(String.format(Locale.ROOT, "%d s (fixed)", min));
                }
                return lines;
            }
            double best = Double.MAX_VALUE;
            int flat = 0;
            int elapsed = 0;
            while (elapsed < max) {
                int window = Math.min(WINDOW_SECONDS, max - elapsed);
                Snapshot a = snap();
                long n0 = ops.get();
                Thread.sleep(window * 1000L);
                long n = ops.get() - n0;
                Window w = between(a, snap());
                elapsed += window;
                double cost = w.serverPerOp(n);
                lines.add(String.format(Locale.ROOT, "%3d s: %.1f %ss/s, server CPU %.2f ms/%s (%s), busy %.0f%%", elapsed,
                        n / (double) window, unit, cost, unit, w.describe(n, unit).replaceFirst("^.*window: ", "")
                                .replaceFirst("; all cores busy.*$", ""), w.busyPercent()));
                if (best != Double.MAX_VALUE && !(cost < best * 0.95)) {
                    flat++;
                } else {
                    flat = 0;
                }
                if (cost < best) {
                    best = cost;
                }
                if (elapsed >= min && flat >= 2) {
                    break;
                }
            }
            return lines;
        }

        static long postgres() {
            long t = 0;
            File[] procs = new File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
            for (File p : procs == null ? new File[0] : procs) {
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

        /** {0, ppid, utime, stime, cutime, cstime} of /proc/PID/stat, or null. */
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

        /** {busy, total} jiffies of all cores (busy: all but idle and iowait). */
        static long[] machine() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                long total = 0;
                for (int i = 1; i <= 8 && i < f.length; i++) {
                    long v = Long.parseLong(f[i]);
                    total += v;
                    if (i != 4 && i != 5) {
                        busy += v;
                    }
                }
                return new long[] { busy, total };
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
