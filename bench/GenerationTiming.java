import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time from confirm to ready: for each case, a person converses through the gateway until the
 * Confirmation card, then {@code POST /api/v1/conversation/complete}; the clock runs from that request until
 * {@code GET /api/v1/generations/{id}} says {@code ready}. The item is then read from the library and its audio
 * downloaded through the pre-signed URL and measured with ffprobe, so the figure is for a finished, playable item.
 * Runs are sequential: this is the latency of one generation on an otherwise idle platform.
 *
 * <p>Dependency-free, JDK 21+ single-file launch:
 * <pre>java bench/GenerationTiming.java --url http://127.0.0.1:18280 --user-url http://127.0.0.1:18281
 *      --credit-url http://127.0.0.1:18286 --runs 3</pre>
 * Options: --runs N (3 per case), --target-s T (15: the 5-minute meditation's target, printed, never asserted),
 * --service-secret S (the operator's, derived from SERVICE_CLIENT_MASTER_KEY or the local default), --out DIR (for the downloaded audio: the last run of each case is kept
 * there as practice-{case}.mp3 with its script as practice-{case}.txt, for bench/voice-quality.sh practice).
 * The last lines are machine-readable: {@code RESULT case=... key=value ...}, one per case.
 */
public class GenerationTiming {

    record Case(String name, String contentType, String intent, String message, int seconds) {
    }

    static final List<Case> CASES = List.of(
            new Case("affirmation-1min", "affirmation", "confidence",
                    "1 minute of affirmations for confidence at work, in the morning at home", 60),
            new Case("meditation-5min", "guided_meditation", "sleep",
                    "a 5 minute guided meditation to help me fall asleep, in bed in the evening", 300));

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String gateway = o.getOrDefault("url", "http://127.0.0.1:18280");
        int runs = Integer.parseInt(o.getOrDefault("runs", "3"));
        double target = Double.parseDouble(o.getOrDefault("target-s", "15"));
        Path out = Path.of(o.getOrDefault("out", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(out);

        String email = "bench-gen-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String registered = send("POST", gateway + "/api/v1/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"bench-lantern-" + UUID.randomUUID().toString().substring(0, 6) + "\"}", 201);
        String token = find("\"token\"\\s*:\\s*\"([^\"]+)\"", registered);
        String userId = find("\"user\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"([^\"]+)\"", registered);
        grantCredits(o, userId, 100);

        List<String> results = new ArrayList<>();
        for (Case c : CASES) {
            List<Double> readySeconds = new ArrayList<>();
            List<Double> audioSeconds = new ArrayList<>();
            int failures = 0;
            for (int run = 1; run <= runs; run++) {
                try {
                    double[] r = once(gateway, token, c, out);
                    readySeconds.add(r[0]);
                    audioSeconds.add(r[1]);
                    System.out.printf(Locale.ROOT, "  %-17s run %d: confirm -> ready %.2f s, library +%.2f s, audio %.1f s (%.0f%% of %d s), render %.3f x real time%n",
                            c.name(), run, r[0], r[2], r[1], 100 * r[1] / c.seconds(), c.seconds(), r[0] / r[1]);
                } catch (RuntimeException e) {
                    failures++;
                    System.out.printf("  %-17s run %d: FAILED %s%n", c.name(), run, e.getMessage());
                }
            }
            Collections.sort(readySeconds);
            double p50 = readySeconds.isEmpty() ? Double.NaN : readySeconds.get(readySeconds.size() / 2);
            double max = readySeconds.isEmpty() ? Double.NaN : readySeconds.getLast();
            double audio = audioSeconds.isEmpty() ? Double.NaN : audioSeconds.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
            String verdict = c.seconds() == 300 ? (max < target ? "PASS" : "MISS") : "-";
            results.add(String.format(Locale.ROOT, "RESULT case=%s requested_s=%d runs=%d failures=%d ready_p50_s=%.2f ready_max_s=%.2f audio_s=%.1f render_fraction=%.3f verdict=%s",
                    c.name(), c.seconds(), runs, failures, p50, max, audio, p50 / audio, verdict));
        }
        results.forEach(System.out::println);
    }

    /** One generation: returns {confirm→ready seconds, audio seconds (ffprobe), ready→library seconds}. */
    static double[] once(String gateway, String token, Case c, Path out) throws Exception {
        String started = send("POST", gateway + "/api/v1/conversation/start", token,
                "{\"content_type\":\"" + c.contentType() + "\",\"intent\":\"" + c.intent() + "\"}", 200, 201);
        String session = find("\"session_id\"\\s*:\\s*\"([^\"]+)\"", started);
        String state = message(gateway, token, session, c.message());
        for (int turn = 0; turn < 8 && !"Confirmation".equals(state); turn++) {
            state = message(gateway, token, session, "you choose");
        }
        if (!"Confirmation".equals(state)) {
            throw new IllegalStateException("no Confirmation after 9 turns (state " + state + ")");
        }
        long t0 = System.nanoTime();
        String completed = send("POST", gateway + "/api/v1/conversation/complete", token,
                "{\"session_id\":\"" + session + "\",\"confirm\":true}", 200, 201, 202);
        String id = find("\"ritual_id\"\\s*:\\s*\"([^\"]+)\"", completed);
        String status = "";
        while (System.nanoTime() - t0 < Duration.ofSeconds(180).toNanos()) {
            String job = send("GET", gateway + "/api/v1/generations/" + id, token, null, 200);
            status = find("\"status\"\\s*:\\s*\"([^\"]+)\"", job);
            if (status.equals("ready") || status.equals("failed")) {
                if (status.equals("failed")) {
                    throw new IllegalStateException("generation failed: " + job);
                }
                break;
            }
            Thread.sleep(50);
        }
        double ready = (System.nanoTime() - t0) / 1e9;
        if (!status.equals("ready")) {
            throw new IllegalStateException("not ready after 180 s (" + status + ")");
        }
        long t1 = System.nanoTime();
        String item = null;
        while (System.nanoTime() - t1 < Duration.ofSeconds(30).toNanos()) {
            HttpResponse<String> r = request("GET", gateway + "/api/v1/content/" + id, token, null);
            if (r.statusCode() == 200) {
                item = r.body();
                break;
            }
            Thread.sleep(50);
        }
        double library = (System.nanoTime() - t1) / 1e9;
        if (item == null) {
            throw new IllegalStateException("the item did not reach the library within 30 s");
        }
        String audioUrl = find("\"audio_url\"\\s*:\\s*\"([^\"]+)\"", item).replace("\\u0026", "&").replace("\\/", "/");
        Path mp3 = out.resolve(id + ".mp3");
        HttpResponse<Path> download = HTTP.send(HttpRequest.newBuilder(URI.create(audioUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofFile(mp3));
        if (download.statusCode() != 200) {
            throw new IllegalStateException("audio download answered " + download.statusCode());
        }
        double audio = ffprobeSeconds(mp3);
        // the practice as the platform delivered it, kept (one per case) for bench/voice-quality.sh practice
        Files.move(mp3, out.resolve("practice-" + c.name() + ".mp3"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(out.resolve("practice-" + c.name() + ".txt"), jsonText(find("\"content_text\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"", item)),
                StandardCharsets.UTF_8);
        return new double[] { ready, audio, library };
    }

    static String message(String gateway, String token, String session, String text) throws Exception {
        String body = send("POST", gateway + "/api/v1/conversation/message", token,
                "{\"session_id\":\"" + session + "\",\"message\":\"" + text + "\"}", 200);
        return find("\"state\"\\s*:\\s*\"([^\"]+)\"", body);
    }

    static void grantCredits(Map<String, String> o, String userId, int amount) throws Exception {
        // the operator's client (docs/identity.md "Service identity"): its own secret, derived from the master key
        String secret = o.getOrDefault("service-secret", operatorSecret(System.getenv()
                .getOrDefault("SERVICE_CLIENT_MASTER_KEY", "local-dev-service-master-key")));
        String basic = Base64.getEncoder().encodeToString(("waqup-operator:" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> t = HTTP.send(HttpRequest.newBuilder(URI.create(o.getOrDefault("user-url", "http://127.0.0.1:18281")
                + "/service-auth/token?audience=credit-service")).header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (t.statusCode() != 200) {
            throw new IllegalStateException("service token: " + t.statusCode() + " " + t.body());
        }
        String serviceToken = find("\"access_token\"\\s*:\\s*\"([^\"]+)\"", t.body());
        send("POST", o.getOrDefault("credit-url", "http://127.0.0.1:18286") + "/internal/credits/grants", serviceToken,
                "{\"user_id\":\"" + userId + "\",\"amount\":" + amount + ",\"reason\":\"benchmark\",\"idempotency_key\":\"bench-"
                        + UUID.randomUUID() + "\"}", 200, 201);
    }

    /** common-lib's ServiceCredentials.secret(master, "waqup-operator"), without depending on it (a single-file program). */
    static String operatorSecret(String masterKey) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(masterKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal("waqup-service-client:waqup-operator".getBytes(StandardCharsets.UTF_8)));
    }

    /** A JSON string's body as text (the escapes the services write: quotes, backslashes, newlines, \\uXXXX). */
    static String jsonText(String body) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch != '\\' || i + 1 >= body.length()) {
                text.append(ch);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n', 'r', 't' -> text.append(' ');
                case 'u' -> {
                    text.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> text.append(e);
            }
        }
        return text.toString();
    }

    static double ffprobeSeconds(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                file.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffprobe: " + text);
        }
        return Double.parseDouble(text);
    }

    static HttpResponse<String> request(String method, String url, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String send(String method, String url, String token, String json, int... expected) throws IOException, InterruptedException {
        HttpResponse<String> r = request(method, url, token, json);
        for (int e : expected) {
            if (r.statusCode() == e) {
                return r.body();
            }
        }
        throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
    }

    static String find(String regex, String body) {
        Matcher m = Pattern.compile(regex).matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + body);
        }
        return m.group(1);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }
}
