package com.waqup.audio.voice;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.waqup.audio.render.AudioRenderer;
import com.waqup.audio.render.Pcm;
import com.waqup.common.storage.StorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A few seconds of each offline voice, so a person can choose by ear (docs/audio.md, "Previews"). Each preview is
 * rendered once, through the same synthesis, pacing and loudness chain as a practice, and kept in the bucket under
 * {@code previews/voices/{voice_id}-{fingerprint}.mp3}; the fingerprint covers the text, the engine and the engine
 * voice, so a voice that changes engine (Festival installed, a new mapping) gets a new preview. They are made in the
 * background after start-up (nothing waits for them); until a voice's preview exists its {@code preview_url} is null.
 * The URL handed out is pre-signed (GET, Range works), like the library's audio URLs.
 * <p>
 * A vendor voice is not synthesized for its preview (that would be a billed synthesis per listed voice): the
 * vendor's own recording, which its voice list names (ElevenLabs {@code preview_url}, PlayHT {@code sample}), is
 * copied once into the bucket under {@code previews/voices/{vendor}-{hash}.mp3} (the hash covers the voice and the
 * recording's URL) the first time the voice is listed, in the background; until then its {@code preview_url} is null.
 * So every preview the web app gets is on our store and plays through the gateway's {@code /media/**} like any audio,
 * whatever the vendor's CDN, its CORS or the app's content security policy allow.
 */
@Component
public class VoicePreviews {

    private static final Logger log = LoggerFactory.getLogger(VoicePreviews.class);
    static final String TEXT = "Hello, I'm %s. Take a slow breath in, and let it go. I will guide you through your practice.";
    static final Duration URL_TTL = Duration.ofHours(1);

    private final VoiceRouter voices;
    private final AudioRenderer renderer;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final StorageProperties storage;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private final Set<String> copying = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** The largest vendor recording copied (a few seconds of MP3 are ~100 KB). */
    static final int MAX_SAMPLE_BYTES = 5 * 1024 * 1024;

    VoicePreviews(VoiceRouter voices, AudioRenderer renderer, S3Client s3, S3Presigner presigner, StorageProperties storage) {
        this.voices = voices;
        this.renderer = renderer;
        this.s3 = s3;
        this.presigner = presigner;
        this.storage = storage;
    }

    /** After start-up, on a thread of its own: every offline voice's preview that is not in the bucket yet. */
    @EventListener(ApplicationReadyEvent.class)
    void prepareInBackground() {
        Thread.ofVirtual().name("voice-previews").start(this::prepareAll);
    }

    void prepareAll() {
        for (Voice voice : voices.voices()) {
            if (!voices.isOffline(voice.provider())) {
                continue;
            }
            try {
                prepare(voice);
            } catch (IOException | TtsException | RuntimeException e) {
                log.warn("preview of voice {} could not be made: {}", voice.id(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The preview's object key for a voice as it is spoken now. */
    static String key(Voice voice) {
        String fingerprint = String.format(TEXT, voice.name()) + "|" + voice.provider() + "|" + voice.engineVoice();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
            return "previews/voices/" + voice.id() + "-" + HexFormat.of().formatHex(hash, 0, 6) + ".mp3";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Renders and stores the voice's preview unless the bucket has it already. */
    void prepare(Voice voice) throws IOException, InterruptedException, TtsException {
        String key = key(voice);
        if (exists(key)) {
            ready.add(key);
            return;
        }
        Path dir = Files.createTempDirectory("waqup-preview-");
        try {
            List<String> sentences = Pacing.sentences(String.format(TEXT, voice.name()));
            List<Pcm> speech = voices.synthesizeAll(sentences, voice, Pace.MODERATE, dir);
            List<Pcm.Part> parts = new ArrayList<>();
            for (int i = 0; i < speech.size(); i++) {
                double pause = Pacing.pauseAfter(sentences.get(i), speech.get(i).seconds(), Pace.MODERATE);
                parts.add(new Pcm.Part(speech.get(i), i == speech.size() - 1 ? 0.5 : pause));
            }
            Path wav = dir.resolve("preview.wav");
            Pcm.writeTrack(wav, parts);
            AudioRenderer.Rendered out = renderer.render(wav, speech.getFirst().sampleRate(), null, false, dir, () -> { });
            s3.putObject(b -> b.bucket(storage.bucket()).key(key).contentType("audio/mpeg")
                    .metadata(Map.of("voice-id", voice.id(), "provider", voice.provider()))
                    .cacheControl("public, max-age=31536000, immutable"), RequestBody.fromFile(out.mp3()));
            ready.add(key);
            log.info("preview of voice {} ({}) stored: {} s", voice.id(), voice.provider(), Math.round(out.durationSeconds() * 10) / 10.0);
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    /** A pre-signed URL of the voice's preview, when it has been made. */
    public Optional<URI> url(Voice voice) {
        return signed(key(voice));
    }

    private Optional<URI> signed(String key) {
        if (!ready.contains(key)) {
            return Optional.empty();
        }
        return Optional.of(URI.create(presigner.presignGetObject(p -> p.signatureDuration(URL_TTL)
                .getObjectRequest(g -> g.bucket(storage.bucket()).key(key))).url().toString()));
    }

    /** The object key of a vendor voice's copied recording. */
    static String vendorKey(Voice voice) {
        String fingerprint = voice.provider() + "|" + voice.engineVoice() + "|" + voice.vendorSample();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
            return "previews/voices/" + voice.provider() + "-" + HexFormat.of().formatHex(hash, 0, 8) + ".mp3";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A pre-signed URL of a vendor voice's preview (its vendor's recording, copied into the bucket); empty while the
     * copy is made (started here, in the background, the first time) and for a voice its vendor gives no recording.
     */
    public Optional<URI> vendorUrl(Voice voice) {
        if (voice.vendorSample() == null || !voice.vendorSample().startsWith("http")) {
            return Optional.empty();
        }
        String key = vendorKey(voice);
        Optional<URI> url = signed(key);
        if (url.isEmpty() && copying.add(key)) {
            Thread.ofVirtual().name("vendor-preview").start(() -> {
                try {
                    copyVendorSample(voice, key);
                } catch (IOException | RuntimeException e) {
                    log.warn("preview of voice {} could not be copied from its vendor: {}", voice.id(), e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    copying.remove(key);
                }
            });
        }
        return url;
    }

    /** Copies the vendor's recording into the bucket unless it is there already. */
    void copyVendorSample(Voice voice, String key) throws IOException, InterruptedException {
        if (exists(key)) {
            ready.add(key);
            return;
        }
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(voice.vendorSample()))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_SAMPLE_BYTES + 1);
        }
        String type = response.headers().firstValue("Content-Type").orElse("audio/mpeg").toLowerCase(Locale.ROOT);
        if (response.statusCode() != 200 || body.length == 0 || body.length > MAX_SAMPLE_BYTES
                || !(type.startsWith("audio/") || type.startsWith("application/octet-stream"))) {
            log.warn("preview of voice {}: its vendor's recording answered {} ({}, {} bytes); no preview", voice.id(),
                    response.statusCode(), type, body.length);
            return;
        }
        String contentType = type.startsWith("audio/") ? type.split(";")[0].strip() : "audio/mpeg";
        s3.putObject(b -> b.bucket(storage.bucket()).key(key).contentType(contentType)
                .metadata(Map.of("provider", voice.provider()))
                .cacheControl("public, max-age=31536000, immutable"), RequestBody.fromBytes(body));
        ready.add(key);
        log.info("preview of voice {} copied from its vendor ({} bytes)", voice.id(), body.length);
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(storage.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
