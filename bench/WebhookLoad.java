import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe-signed {@code checkout.session.completed} webhooks through the gateway at a fixed rate, a share of them
 * delivered again (Stripe's at-least-once). It writes each session's first delivery (wall clock, microseconds) to
 * {@code --sent FILE}, for webhook.sh to compare with the moment ritual-library granted the buyer access (its
 * {@code pack_grant.granted_at}); nothing is polled while webhooks are sent, and afterwards every session must answer
 * {@code has_access: true} at ritual-library's internal access endpoint (60 s in all) or count as missing.
 *
 * <p>{@code java bench/WebhookLoad.java --gateway URL --library URL --token SERVICE_TOKEN --secret WHSEC
 * --sessions FILE (session_id,user_id,pack_id per line) --total 1000 --rate 100 --duplicates 0.2 --sent FILE}; prints one
 * {@code RESULT key=value ...} line.
 */
class WebhookLoad extends LoadSupport {

    record Session(String id, String user, String pack) {
    }

    static String sign(String payload, String secret, long t) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }

    static String event(String eventId, Session s) {
        long now = System.currentTimeMillis() / 1000;
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2025-03-31.basil\",\"created\":" + now
                + ",\"livemode\":false,\"pending_webhooks\":1,\"request\":{\"id\":null,\"idempotency_key\":null},"
                + "\"type\":\"checkout.session.completed\",\"data\":{\"object\":{\"id\":\"" + s.id()
                + "\",\"object\":\"checkout.session\",\"amount_total\":100,\"currency\":\"usd\",\"livemode\":false,"
                + "\"mode\":\"payment\",\"payment_intent\":\"pi_" + s.id().substring(3) + "\",\"payment_status\":\"paid\","
                + "\"status\":\"complete\",\"subscription\":null,\"client_reference_id\":\"" + s.user()
                + "\",\"metadata\":{\"kind\":\"pack\",\"user_id\":\"" + s.user() + "\",\"pack_id\":\"" + s.pack() + "\"}}}}";
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        String gateway = opt.get("gateway");
        String library = opt.get("library");
        String token = opt.get("token");
        String secret = opt.get("secret");
        int total = Integer.parseInt(opt.getOrDefault("total", "1000"));
        int rate = Integer.parseInt(opt.getOrDefault("rate", "100"));
        double duplicates = Double.parseDouble(opt.getOrDefault("duplicates", "0.2"));
        List<Session> sessions = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(opt.get("sessions")))) {
            String[] f = line.split(",");
            if (f.length == 3) {
                sessions.add(new Session(f[0].strip(), f[1].strip(), f[2].strip()));
            }
        }
        int unique = (int) Math.round(total * (1 - duplicates));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "0"));
        if (sessions.size() < unique + warmup) {
            throw new IllegalArgumentException("need " + (unique + warmup) + " sessions, got " + sessions.size());
        }
        HttpClient http = httpClient();
        long warmupFailures = 0; // warm-up webhooks not answered 2xx (each one a failure of the path, like a measured one)
        if (warmup > 0) { // JIT and connection pools warm: these sessions are sent first, at the measured rate, and not counted
            List<Session> warm = new ArrayList<>(sessions.subList(0, warmup));
            sessions = new ArrayList<>(sessions.subList(warmup, sessions.size()));
            long t0 = System.nanoTime();
            ExecutorService w = Executors.newVirtualThreadPerTaskExecutor();
            AtomicLong warmFailed = new AtomicLong();
            for (int k = 0; k < warm.size(); k++) {
                long wait = t0 + k * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                Session s = warm.get(k);
                w.execute(() -> {
                    try {
                        String payload = event("evt_warm_" + s.id().substring(3), s);
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/payments/webhook"))
                                .header("Content-Type", "application/json")
                                .header("Stripe-Signature", sign(payload, secret, System.currentTimeMillis() / 1000))
                                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() / 100 != 2) {
                            warmFailed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        warmFailed.incrementAndGet();
                    }
                });
            }
            w.shutdown();
            w.awaitTermination(300, java.util.concurrent.TimeUnit.SECONDS);
            Session last = warm.get(warm.size() - 1);
            long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < until) { // until the last warm-up purchase is visible (or 2 minutes)
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(library + "/internal/packs/"
                        + last.pack() + "/access?user_id=" + last.user())).header("Authorization", "Bearer " + token)
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.body().contains("\"has_access\":true")) {
                    break;
                }
                Thread.sleep(100);
            }
            System.out.printf(java.util.Locale.ROOT, "  warm-up: %d webhooks in %.1f s, %d not answered 2xx%n", warmup,
                    (System.nanoTime() - t0) / 1e9, warmFailed.get());
            warmupFailures = warmFailed.get();
        }
        final List<Session> measured = sessions;
        // the delivery plan: each unique event once, then duplicates of events already sent, interleaved at random
        Random random = new Random(42);
        List<Integer> plan = new ArrayList<>();
        for (int i = 0; i < unique; i++) {
            plan.add(i);
        }
        for (int d = 0; d < total - unique; d++) {
            int at = unique / 10 + random.nextInt(plan.size() - unique / 10);
            plan.add(at, plan.get(random.nextInt(at))); // a duplicate of an event planned earlier
        }
        String[] eventIds = new String[unique];
        String[] payloads = new String[unique];
        for (int i = 0; i < unique; i++) {
            eventIds[i] = "evt_bench_" + sessions.get(i).id().substring(3);
            payloads[i] = event(eventIds[i], sessions.get(i));
        }

        boolean[] sentBefore = new boolean[unique];
        long[] firstSentMicros = new long[unique]; // wall clock, compared with the grant's granted_at by webhook.sh
        List<Long> ackNanos = new CopyOnWriteArrayList<>();
        AtomicLong non2xx = new AtomicLong();
        AtomicLong sendErrors = new AtomicLong();
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int k = 0; k < plan.size(); k++) {
            long due = start + k * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int i = plan.get(k);
            long sent = System.nanoTime();
            if (!sentBefore[i]) {
                sentBefore[i] = true;
                Instant wall = Instant.now();
                firstSentMicros[i] = wall.getEpochSecond() * 1_000_000 + wall.getNano() / 1_000;
            }
            senders.execute(() -> {
                try {
                    String payload = payloads[i];
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/payments/webhook"))
                            .header("Content-Type", "application/json")
                            .header("Stripe-Signature", sign(payload, secret, System.currentTimeMillis() / 1000))
                            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    ackNanos.add(System.nanoTime() - sent);
                    if (r.statusCode() / 100 != 2) {
                        non2xx.incrementAndGet();
                    }
                } catch (Exception e) {
                    if (sendErrors.incrementAndGet() == 1) {
                        System.out.println("  first send error: " + e);
                    }
                }
            });
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        senders.shutdown();
        senders.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        // only now, with nothing more being sent, is each session checked through the access endpoint (in order, each
        // until it answers has_access: true, 60 s in all): polling while sending took CPU from the path being measured
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int missing = 0;
        for (int i = 0; i < unique; i++) {
            Session s = measured.get(i);
            boolean visible = false;
            while (!visible && System.nanoTime() < deadline) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(library + "/internal/packs/"
                        + s.pack() + "/access?user_id=" + s.user())).header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                visible = r.statusCode() == 200 && r.body().contains("\"has_access\":true");
                if (!visible) {
                    Thread.sleep(50);
                }
            }
            missing += visible ? 0 : 1;
        }
        StringBuilder sentFile = new StringBuilder();
        for (int i = 0; i < unique; i++) {
            sentFile.append(measured.get(i).user()).append(',').append(firstSentMicros[i]).append('\n');
        }
        Files.writeString(Path.of(opt.get("sent")), sentFile.toString());

        List<Long> acks = new ArrayList<>(ackNanos);
        Collections.sort(acks);
        long[] a = acks.stream().mapToLong(Long::longValue).toArray();
        System.out.printf(java.util.Locale.ROOT, "  deliveries %d (%d unique, %d duplicates) in %.1f s (%.0f/s)%n", plan.size(),
                unique, plan.size() - unique, sendSeconds, plan.size() / sendSeconds);
        System.out.printf(java.util.Locale.ROOT, "  webhook answered: p50 %.1f ms, p95 %.1f ms; non-2xx %d, errors %d%n",
                ms(pct(a, 50)), ms(pct(a, 95)), non2xx.get(), sendErrors.get());
        System.out.printf(java.util.Locale.ROOT, "  visible through the access endpoint after the run: %d of %d%n",
                unique - missing, unique);
        System.out.printf(java.util.Locale.ROOT,
                "RESULT deliveries=%d unique=%d duplicates=%d rate=%.1f missing=%d ack_p95_ms=%.1f non2xx=%d errors=%d"
                        + " warmup_failures=%d%n",
                plan.size(), unique, plan.size() - unique, plan.size() / sendSeconds, missing, ms(pct(a, 95)),
                non2xx.get(), sendErrors.get(), warmupFailures);
        System.exit(0);
    }

}
