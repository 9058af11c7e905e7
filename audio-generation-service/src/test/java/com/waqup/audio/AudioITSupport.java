package com.waqup.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.waqup.audio.job.AudioWorkProperties;
import com.waqup.common.events.Events;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.TestDatabase;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The module's one IT configuration: the real service on real Postgres, RabbitMQ and S3, espeak-ng and ffmpeg; the
 * TTS vendors (ElevenLabs, PlayHT) are enabled with test keys against one WireMock started for the whole run
 * ({@link #VENDOR}; tests stub it and reset it themselves).
 */
public abstract class AudioITSupport extends ServiceITSupport {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String ELEVENLABS_KEY = "test-elevenlabs-key";
    protected static final String PLAYHT_KEY = "test-playht-key";
    protected static final String PLAYHT_USER = "test-playht-user";
    /** ElevenLabs and PlayHT, faked at the HTTP level for every IT of the module. */
    protected static final WireMockServer VENDOR = startVendor();

    private static WireMockServer startVendor() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        registry.add("waqup.tts.elevenlabs.base-url", VENDOR::baseUrl);
        registry.add("waqup.tts.elevenlabs.api-key", () -> ELEVENLABS_KEY);
        registry.add("waqup.tts.playht.base-url", VENDOR::baseUrl);
        registry.add("waqup.tts.playht.api-key", () -> PLAYHT_KEY);
        registry.add("waqup.tts.playht.user-id", () -> PLAYHT_USER);
    }
    private static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    private static String listenQueue;

    @Autowired
    protected RabbitTemplate rabbit;
    @Autowired
    protected AmqpAdmin admin;
    @Autowired
    protected S3Client s3;
    @Autowired
    protected AudioWorkProperties work;

    /** The job's temporary directories still on disk (each attempt's is deleted when it ends). */
    protected List<Path> workDirsOf(UUID job) throws IOException {
        Path root = work.workPath();
        if (!Files.exists(root)) {
            return List.of();
        }
        try (var list = Files.list(root)) {
            return list.filter(p -> p.getFileName().toString().startsWith("job-" + job)).toList();
        }
    }

    /** The keys under {@code prefix} in the test bucket. */
    protected List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    protected String bucket() {
        return TestDatabase.S3_BUCKET;
    }

    /** A queue of the test's own, bound to audio.progress/completed/failed, as content-generation would have. */
    protected synchronized String listenQueue() {
        if (listenQueue == null) {
            listenQueue = "audio-it.events." + UUID.randomUUID();
            Queue queue = new Queue(listenQueue, false, false, true);
            admin.declareQueue(queue);
            TopicExchange events = new TopicExchange(Events.EXCHANGE, true, false);
            for (String key : List.of("audio.progress", "audio.completed", "audio.failed")) {
                admin.declareBinding(BindingBuilder.bind(queue).to(events).with(key));
            }
        }
        return listenQueue;
    }

    /** Every audio.* event received so far for {@code jobId}. */
    protected List<JsonNode> events(UUID jobId, String type) {
        String queue = listenQueue();
        Message m;
        while ((m = rabbit.receive(queue)) != null) {
            RECEIVED.add(JSON.readTree(new String(m.getBody(), StandardCharsets.UTF_8)));
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : RECEIVED) {
            if (e.path("type").asString().equals(type) && e.path("data").path("job_id").asString().equals(jobId.toString())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Publishes audio.requested on the real exchange, as content-generation's outbox does. */
    protected void publish(Map<String, Object> data) {
        listenQueue();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("event_id", UUID.randomUUID().toString());
        envelope.put("type", "audio.requested");
        envelope.put("occurred_at", Instant.now().toString());
        envelope.put("correlation_id", "audio-it-" + UUID.randomUUID());
        envelope.put("data", data);
        rabbit.convertAndSend(Events.EXCHANGE, "audio.requested", envelope);
    }

    protected static final String[] LINES = {
            "Find a comfortable position and let your eyes gently close now.",
            "Breathe in slowly through your nose and feel your chest rise and open.",
            "With every breath out I let my shoulders soften a little more today.",
            "I am calm and I am safe and I am exactly where I need to be.",
            "Notice the weight of your body resting on the surface beneath you.",
            "Let the sounds around you come and go without holding on to any of them.",
            "My mind is quiet and clear, and each breath brings me deeper into rest.",
            "Feel the warmth spreading from your chest into your arms and hands."};

    /**
     * A script sized like content-generation sizes it: words at the pace's rate (moderate: 130 wpm) plus the
     * pauses fill {@code targetSeconds}; one pause is 5 s (for silence detection).
     */
    protected static Map<String, Object> sizedRequest(UUID jobId, UUID userId, double targetSeconds, Map<String, Object> background) {
        List<Map<String, Object>> segments = new ArrayList<>();
        double spoken = 0;
        double pauses = 0;
        int i = 0;
        while (spoken + pauses < targetSeconds - 6) {
            String text = LINES[i % LINES.length];
            double seconds = text.split("\\s+").length / 130.0 * 60;
            double pause = i == 1 ? 5.0 : 2.0;
            segments.add(Map.of("index", i, "text", text, "pause_after", pause));
            spoken += seconds;
            pauses += pause;
            i++;
        }
        double rest = targetSeconds - spoken - pauses;
        Map<String, Object> last = new LinkedHashMap<>(segments.getLast());
        last.put("pause_after", ((Number) last.get("pause_after")).doubleValue() + Math.max(0, rest));
        segments.set(segments.size() - 1, last);
        return request(jobId, userId, targetSeconds, segments, background);
    }

    protected static Map<String, Object> request(UUID jobId, UUID userId, double target, List<Map<String, Object>> segments,
            Map<String, Object> background) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", jobId.toString());
        data.put("content_id", jobId.toString());
        data.put("user_id", userId.toString());
        data.put("version", 1);
        data.put("content_type", "guided_meditation");
        data.put("voice_id", "en-us-female");
        data.put("pace", "moderate");
        data.put("background", background);
        data.put("formats", List.of("mp3"));
        data.put("target_duration_seconds", target);
        data.put("segments", segments);
        return data;
    }

    protected static String key(UUID userId, UUID contentId) {
        return "audio/" + userId + "/" + contentId + "/1.mp3";
    }

    /** Downloads an object into a temporary file. */
    protected Path download(String key) throws IOException {
        Path file = Files.createTempFile("audio-it", ".mp3");
        Files.write(file, s3.getObjectAsBytes(b -> b.bucket(bucket()).key(key)).asByteArray());
        return file;
    }

    /** Runs ffmpeg/ffprobe as the test's own measuring tool; returns stderr + stdout. */
    protected static String tool(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("tool timed out");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    protected static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
}
