package com.waqup.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.function.Predicate;

import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.Events;
import com.waqup.common.test.EventContracts;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.TestDatabase;
import com.waqup.common.test.TestTokens;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The library's ITs: the real service on the real PostgreSQL, Redis, RabbitMQ and S3. The tests play
 * content-generation's part: they upload a real MP3 (made with ffmpeg) to the item's audio key and publish
 * {@code content.ready} on the broker, as docs/events.md describes it.
 */
public abstract class LibraryITSupport extends ServiceITSupport {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static byte[] mp3;

    @Autowired
    protected RabbitTemplate rabbit;
    @Autowired
    protected AmqpAdmin amqp;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected S3Client s3;
    @Autowired
    protected StringRedisTemplate redis;

    protected static final String BUCKET = TestDatabase.S3_BUCKET;

    /** content-generation's re-voice endpoint, stood in (see {@link GenerationStandIn}). */
    @DynamicPropertySource
    static void generation(DynamicPropertyRegistry registry) {
        registry.add("waqup.services.content-generation.url", () -> GenerationStandIn.get().baseUrl());
        registry.add("waqup.services.user.url", () -> GenerationStandIn.get().baseUrl());
    }

    /** A 3 s, 128 kb/s MP3 sine, made once per JVM with ffmpeg. */
    protected static synchronized byte[] mp3() {
        if (mp3 == null) {
            try {
                Path file = Files.createTempFile("library-it", ".mp3");
                Process ffmpeg = new ProcessBuilder("ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i",
                        "sine=frequency=440:duration=3", "-b:a", "128k", "-ar", "44100", file.toString())
                        .redirectErrorStream(true).start();
                String out = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(ffmpeg.waitFor()).as("ffmpeg: %s", out).isZero();
                mp3 = Files.readAllBytes(file);
                Files.delete(file);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return mp3;
    }

    protected static String token(UUID user) {
        return bearer(TestTokens.shared().user(user));
    }

    protected static String audioKey(UUID user, UUID content, int version) {
        return "audio/" + user + "/" + content + "/" + version + ".mp3";
    }

    protected void upload(String key) {
        s3.putObject(p -> p.bucket(BUCKET).key(key).contentType("audio/mpeg"), RequestBody.fromBytes(mp3()));
    }

    protected List<String> keysUnder(String prefix) {
        return s3.listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    /** content.ready's data as content-generation sends it; callers adjust fields before publishing. */
    protected Map<String, Object> readyData(UUID user, UUID content, int version) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("job_id", content.toString());
        d.put("content_id", content.toString());
        d.put("ritual_id", content.toString());
        d.put("user_id", user.toString());
        d.put("session_id", UUID.randomUUID().toString());
        d.put("version", version);
        d.put("content_type", "guided_meditation");
        d.put("title", "Evening Calm");
        d.put("content_text", "Find a comfortable position. Breathe in slowly.");
        d.put("structure", Map.of("type", "guided_meditation", "sections", List.of(Map.of("kind", "settling",
                "segments", List.of(Map.of("text", "Find a comfortable position.", "pause_after", 4.0))))));
        d.put("context", Map.of("intent", "sleep", "time_of_day", "evening", "place", "bed"));
        d.put("tags", List.of("sleep", "Evening"));
        d.put("depth", "deep");
        d.put("voice", Map.of("id", "en-us-female", "name", "Ava"));
        d.put("audio_key", audioKey(user, content, version));
        d.put("audio_format", "mp3");
        d.put("audio_duration", 3);
        d.put("audio_size_bytes", mp3().length);
        d.put("bitrate_kbps", 128);
        d.put("credits_charged", 2);
        d.put("created_at", Instant.now().toString());
        return d;
    }

    protected EventEnvelope<Map<String, Object>> publishReady(Map<String, Object> data) {
        EventEnvelope<Map<String, Object>> event = EventEnvelope.of("content.ready", data);
        rabbit.convertAndSend(Events.EXCHANGE, "content.ready", event);
        return event;
    }

    protected void publish(EventEnvelope<?> event) {
        rabbit.convertAndSend(Events.EXCHANGE, event.type(), event);
    }

    /** Uploads the audio, publishes content.ready and waits until the item is in the library at that version. */
    protected UUID ready(UUID user, Map<String, Object> data) {
        UUID content = UUID.fromString((String) data.get("content_id"));
        upload((String) data.get("audio_key"));
        publishReady(data);
        int version = (Integer) data.get("version");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from content_item where id = ? and version = ?", Integer.class, content, version) == 1);
        return content;
    }

    protected UUID ready(UUID user) {
        return ready(user, readyData(user, UUID.randomUUID(), 1));
    }

    protected UUID ready(UUID user, String contentType, String depth, List<String> tags) {
        Map<String, Object> d = readyData(user, UUID.randomUUID(), 1);
        d.put("content_type", contentType);
        d.put("depth", depth);
        d.put("tags", tags);
        return ready(user, d);
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    protected Http.Response get(String path, UUID user) {
        return Http.get(url(path), "Authorization", token(user));
    }

    protected Http.Response send(String method, String path, UUID user, String body) {
        return body == null ? Http.send(method, url(path), null, "Authorization", token(user))
                : Http.send(method, url(path), body, "Authorization", token(user), "Content-Type", "application/json");
    }

    protected JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    // ---- the broker, as other services see it ---------------------------------------------------------------

    /** A private queue bound to a routing key, to observe what this service publishes. */
    protected Queue listen(String routingKey) {
        Queue queue = new AnonymousQueue();
        amqp.declareQueue(queue);
        amqp.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(Events.EXCHANGE)).with(routingKey));
        return queue;
    }

    protected List<JsonNode> drain(Queue queue) {
        List<JsonNode> events = new ArrayList<>();
        Message m;
        while ((m = rabbit.receive(queue.getName())) != null) {
            events.add(JSON.readTree(new String(m.getBody(), StandardCharsets.UTF_8)));
        }
        return events;
    }

    protected JsonNode awaitEvent(Queue queue, Predicate<JsonNode> match) {
        List<JsonNode> seen = new ArrayList<>();
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            seen.addAll(drain(queue));
            return seen.stream().filter(match).findFirst().orElse(null);
        }, e -> e != null);
    }

    /** The golden wire shape of an event's data ({@code contracts/events/{type}.json}). */
    protected static JsonNode golden(String type) {
        return EventContracts.golden(type);
    }
}
