package com.waqup.audio.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.waqup.audio.job.AudioEvents.AudioCompleted;
import com.waqup.audio.job.AudioEvents.ExtraFormat;
import com.waqup.audio.job.AudioEvents.VoiceRef;
import com.waqup.audio.render.AudioRenderer;
import com.waqup.audio.render.Background;
import com.waqup.audio.render.Pcm;
import com.waqup.audio.voice.Pace;
import com.waqup.audio.voice.Pacing;
import com.waqup.audio.voice.TtsException;
import com.waqup.audio.voice.Voice;
import com.waqup.audio.voice.VoiceRouter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one job, in its own temporary directory (always deleted): every segment spoken, joined with real
 * silence of its {@code pause_after} into one PCM track, mixed with the bed, normalized and encoded, uploaded.
 * Progress is reported (and the lease renewed) at each stage; if the lease was lost the attempt stops.
 */
class AudioPipeline {

    private static final Logger log = LoggerFactory.getLogger(AudioPipeline.class);
    private static final int RENEW_EVERY_SEGMENTS = 10;
    /** Offline batches synthesized at once (this machine's two cores; Festival is single-threaded). */
    private static final int OFFLINE_PARALLEL_BATCHES = 2;

    /** This worker no longer holds the job (another took it over): stop quietly. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("lease lost", null, false, false);
        }
    }

    private final VoiceRouter tts;
    private final AudioRenderer renderer;
    private final AudioStorage storage;
    private final AudioJobs jobs;
    private final Path workRoot;
    private final MeterRegistry meters;

    AudioPipeline(VoiceRouter tts, AudioRenderer renderer, AudioStorage storage, AudioJobs jobs, Path workRoot,
            MeterRegistry meters) {
        this.meters = meters;
        // present from the start, so dashboards and alerts see zeros
        for (String type : List.of("affirmation", "guided_meditation", "ritual")) {
            for (String stage : List.of("synthesis", "render", "upload", "audio")) {
                stage(stage, type);
            }
        }
        ttsLatency(tts.resolve(null).provider(), "success");
        ttsLatency(tts.resolve(null).provider(), "failure");
        this.tts = tts;
        this.renderer = renderer;
        this.storage = storage;
        this.jobs = jobs;
        this.workRoot = workRoot;
    }

    /** The result, uploaded but not yet recorded (the caller completes the job with it). */
    AudioCompleted run(AudioRequested r, UUID owner) throws JobFailure, InterruptedException {
        Path dir;
        try {
            Files.createDirectories(workRoot);
            dir = Files.createTempDirectory(workRoot, "job-" + r.jobId() + "-");
        } catch (IOException e) {
            throw new JobFailure(JobFailure.MIX_FAILED, "no temporary space for rendering", true, e);
        }
        long started = System.nanoTime();
        try {
            AudioCompleted done = render(r, owner, dir);
            stage("audio", r.contentType()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return done;
        } finally {
            deleteRecursively(dir);
        }
    }

    /**
     * {@code waqup_generation_stage_seconds{stage, content_type}} of the audio half: {@code synthesis} (every segment
     * spoken), {@code render} (mix, loudness, encode), {@code upload}, and {@code audio} (the whole job); the script
     * half is content-generation-service's.
     */
    private Timer stage(String stage, String contentType) {
        return Timer.builder("waqup.generation.stage").tag("stage", stage)
                .tag("content_type", contentType == null ? "unknown" : contentType)
                .description("Time a generation spends in each stage").register(meters);
    }

    /** {@code waqup_tts_requests_seconds{provider, outcome}}: one batch of sentences spoken by the TTS engine. */
    private Timer ttsLatency(String provider, String outcome) {
        return Timer.builder("waqup.tts.requests").tag("provider", provider).tag("outcome", outcome)
                .description("Latency of the TTS engine for one batch of sentences").register(meters);
    }

    private List<Pcm> timedSynthesis(List<String> texts, Voice voice, Pace pace, Path dir)
            throws TtsException, InterruptedException {
        long started = System.nanoTime();
        String outcome = "failure";
        try {
            List<Pcm> speech = tts.synthesizeAll(texts, voice, pace, dir);
            outcome = "success";
            return speech;
        } finally {
            ttsLatency(voice.provider(), outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private AudioCompleted render(AudioRequested r, UUID owner, Path dir) throws JobFailure, InterruptedException {
        Voice voice = tts.resolve(r.voiceId());
        if (r.voiceId() != null && !voice.id().equals(r.voiceId())) {
            log.info("job {}: voice {} is unknown or its provider is not enabled, using the default voice {}", r.jobId(),
                    r.voiceId().replaceAll("[^A-Za-z0-9_.:/-]", "?"), voice.id());
        }
        Pace pace = Pace.of(r.pace());
        progress(r, owner, 5, "synthesizing");
        long synthesisStarted = System.nanoTime();

        List<AudioRequested.Segment> segments = new ArrayList<>(r.segments());
        segments.sort(Comparator.comparing(s -> s.index() == null ? Integer.MAX_VALUE : s.index()));
        List<Pcm.Part> parts = new ArrayList<>(segments.size());
        boolean halfway = false;
        boolean offline = tts.isOffline(voice.provider());
        // offline engines speak sentence by sentence (the pace's pauses go between them), two batches at a time (one
        // engine process per core); a vendor gets whole segments, one batch at a time
        int parallel = offline ? OFFLINE_PARALLEL_BATCHES : 1;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < segments.size(); from += RENEW_EVERY_SEGMENTS * parallel) {
                List<List<AudioRequested.Segment>> batches = new ArrayList<>();
                List<List<List<String>>> sentencesOf = new ArrayList<>();
                List<Future<List<Pcm>>> spoken = new ArrayList<>();
                for (int b = from; b < Math.min(segments.size(), from + RENEW_EVERY_SEGMENTS * parallel); b += RENEW_EVERY_SEGMENTS) {
                    List<AudioRequested.Segment> batch = segments.subList(b, Math.min(segments.size(), b + RENEW_EVERY_SEGMENTS));
                    List<List<String>> sentences = batch.stream()
                            .map(seg -> offline ? Pacing.sentences(seg.text()) : List.of(seg.text().strip())).toList();
                    List<String> texts = sentences.stream().flatMap(List::stream).toList();
                    batches.add(batch);
                    sentencesOf.add(sentences);
                    spoken.add(pool.submit(() -> timedSynthesis(texts, voice, pace, dir)));
                }
                int done = from;
                for (int b = 0; b < batches.size(); b++) {
                    List<Pcm> speech = speech(spoken.get(b), voice, spoken);
                    addParts(parts, batches.get(b), sentencesOf.get(b), speech, pace);
                    done += batches.get(b).size();
                }
                if (!halfway && done >= segments.size() / 2 && segments.size() >= 4) {
                    halfway = true;
                    progress(r, owner, 30, "synthesizing");
                } else if (done < segments.size() && !jobs.renew(r, owner)) {
                    throw new LeaseLost();
                }
            }
        }

        stage("synthesis", r.contentType()).record(System.nanoTime() - synthesisStarted, TimeUnit.NANOSECONDS);
        Path voiceWav = dir.resolve("voice.wav");
        boolean ogg = r.formats() != null && r.formats().contains("ogg");
        Background background = r.background() == null ? null
                : new Background(r.background().sound(), r.background().levelDb() == null ? Background.DEFAULT_LEVEL_DB : r.background().levelDb());
        AudioRenderer.Rendered out;
        try {
            int rate = parts.getFirst().speech().sampleRate();
            Pcm.writeTrack(voiceWav, parts);
            parts.clear();
            progress(r, owner, 60, "mixing");
            long renderStarted = System.nanoTime();
            out = renderer.render(voiceWav, rate, background, ogg, dir, () -> progress(r, owner, 75, "encoding"));
            stage("render", r.contentType()).record(System.nanoTime() - renderStarted, TimeUnit.NANOSECONDS);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("job {}: mixing failed: {}", r.jobId(), e.toString());
            throw new JobFailure(JobFailure.MIX_FAILED, "the audio could not be mixed and encoded", false, e);
        }

        progress(r, owner, 90, "uploading");
        long uploadStarted = System.nanoTime();
        String key = AudioStorage.key(r, "mp3");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("job-id", r.jobId().toString());
        metadata.put("content-id", r.contentId().toString());
        metadata.put("version", r.version().toString());
        metadata.put("voice-id", voice.id());
        metadata.put("provider", voice.provider());
        metadata.put("duration-seconds", String.format(Locale.ROOT, "%.2f", out.durationSeconds()));
        metadata.put("loudness-lufs", String.format(Locale.ROOT, "%.1f", out.loudness().integratedLufs()));
        storage.put(key, out.mp3(), "audio/mpeg", metadata);
        List<ExtraFormat> extra = new ArrayList<>();
        if (ogg) {
            String oggKey = AudioStorage.key(r, "ogg");
            storage.put(oggKey, out.ogg(), "audio/ogg", metadata);
            extra.add(new ExtraFormat("ogg", oggKey, out.oggSizeBytes()));
        }
        stage("upload", r.contentType()).record(System.nanoTime() - uploadStarted, TimeUnit.NANOSECONDS);
        return new AudioCompleted(r.jobId(), r.contentId(), r.userId(), r.version(), key, storage.bucket(), "mp3", "audio/mpeg",
                Math.round(out.durationSeconds() * 100) / 100.0, out.bitrateKbps(), out.sampleRateHz(), out.sizeBytes(),
                Math.round(out.loudness().integratedLufs() * 10) / 10.0, Math.round(out.loudness().truePeakDbtp() * 10) / 10.0,
                new VoiceRef(voice.id(), voice.name(), voice.provider()), List.copyOf(extra));
    }

    /** A batch's speech; a failure stops the other batches still running and fails the job. */
    private static List<Pcm> speech(Future<List<Pcm>> batch, Voice voice, List<Future<List<Pcm>>> all)
            throws JobFailure, InterruptedException {
        try {
            return batch.get();
        } catch (ExecutionException e) {
            all.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof TtsException tts) {
                throw new JobFailure(JobFailure.TTS_FAILED, "speech synthesis failed (" + voice.provider() + "): " + tts.getMessage(),
                        tts.retryable(), tts);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            all.forEach(f -> f.cancel(true));
            throw e;
        }
    }

    /** Each sentence, then its sentence-final pause (and after a segment's last sentence, the script's pause). */
    private static void addParts(List<Pcm.Part> parts, List<AudioRequested.Segment> batch, List<List<String>> sentences,
            List<Pcm> speech, Pace pace) {
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            List<String> said = sentences.get(i);
            for (int k = 0; k < said.size(); k++) {
                Pcm spoken = speech.get(next++);
                double pause = Pacing.pauseAfter(said.get(k), spoken.seconds(), pace);
                if (k == said.size() - 1 && batch.get(i).pauseAfter() != null) {
                    pause += batch.get(i).pauseAfter();
                }
                parts.add(new Pcm.Part(spoken, pause));
            }
        }
    }

    /** Deletes what {@link #run} uploaded (its owner was erased meanwhile); retried by the storage client, then logged. */
    void discard(AudioCompleted done) {
        List<String> keys = new ArrayList<>();
        keys.add(done.audioKey());
        done.extraFormats().forEach(f -> keys.add(f.audioKey()));
        storage.delete(keys);
    }

    private void progress(AudioRequested r, UUID owner, int percent, String stage) {
        if (!jobs.progress(r, owner, percent, stage)) {
            throw new LeaseLost();
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("could not delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            log.warn("could not clean {}: {}", dir, e.toString());
        }
    }
}
